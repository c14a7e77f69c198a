package org.ordersystem.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks handlers that call a gRPC service (stock, shipping, payment, the PSP): an answer the API
 * cannot read from one is a 502, so the OpenAPI document lists 502 for them and only for them.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CallsServices {}

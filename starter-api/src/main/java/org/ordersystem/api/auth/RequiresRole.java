package org.ordersystem.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Restricts a controller or one of its methods to a role; without it any valid key will do. Checked
 * on the handler Spring MVC picked, never on the raw path, so encoded or odd paths cannot slip
 * past.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {
  Role value();
}

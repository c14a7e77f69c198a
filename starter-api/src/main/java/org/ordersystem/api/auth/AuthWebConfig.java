package org.ordersystem.api.auth;

import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the API key check in front of {@code /api/**} and hands controllers the {@link Caller}. */
@Configuration(proxyBeanMethods = false)
public class AuthWebConfig implements WebMvcConfigurer {

  static {
    // The caller comes from the API key, never from the request parameters the docs list.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  private final ApiKeyInterceptor interceptor;

  public AuthWebConfig(ApiKeyInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(interceptor).addPathPatterns("/api/**");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerResolver());
  }

  private static final class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mavContainer,
        NativeWebRequest webRequest,
        WebDataBinderFactory binderFactory) {
      Object caller =
          webRequest.getAttribute(ApiKeyInterceptor.CALLER, RequestAttributes.SCOPE_REQUEST);
      if (caller == null) {
        // Only reachable if a controller taking a Caller were mapped outside /api/**.
        throw new IllegalStateException("no authenticated caller for this request");
      }
      return caller;
    }
  }
}

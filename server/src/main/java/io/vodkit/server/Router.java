package io.vodkit.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method + path pattern → action. Patterns are literal segments and {@code :name} parameters
 * ({@code /v1/videos/:id/publish}); a parameter matches one non-empty segment. No match is 404, a
 * path that matches with another method is 405 (with {@code Allow}). Built once, then read-only.
 */
final class Router {
  /** What a route does with a call. */
  @FunctionalInterface
  interface Action {
    ApiResponse run(ApiCall call);
  }

  /**
   * One route.
   *
   * @param method HTTP method
   * @param pattern path pattern with {@code :name} parameters
   * @param body whether the route takes a JSON body (content type and size are checked)
   * @param authenticated whether a bearer token is required
   * @param action what it does
   */
  record Route(String method, String pattern, boolean body, boolean authenticated, Action action) {
    /** The pattern in OpenAPI form: {@code /v1/videos/{id}}. */
    String openApiPath() {
      return pattern.replaceAll(":([a-z_]+)", "{$1}");
    }
  }

  /** A matched route and its parameters. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Router get(String pattern, Action action) {
    return add(new Route("GET", pattern, false, true, action));
  }

  Router post(String pattern, boolean body, Action action) {
    return add(new Route("POST", pattern, body, true, action));
  }

  Router delete(String pattern, Action action) {
    return add(new Route("DELETE", pattern, false, true, action));
  }

  Router add(Route route) {
    for (Route r : routes) {
      if (r.method.equals(route.method) && r.pattern.equals(route.pattern)) {
        throw new IllegalArgumentException("duplicate route " + route.method + " " + route.pattern);
      }
    }
    routes.add(route);
    return this;
  }

  /** Every route, in the order added. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for {@code method} and the decoded {@code path}; 404 or 405 as an {@link ApiException}. */
  Match match(String method, String path) {
    String[] segments = split(path);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> params = bind(split(r.pattern), segments);
      if (params == null) {
        continue;
      }
      if (r.method.equals(method)) {
        return new Match(r, params);
      }
      allowed.add(r.method);
    }
    if (!allowed.isEmpty()) {
      throw new MethodNotAllowed(method, path, allowed);
    }
    throw ApiException.notFound("no route " + path + "; see GET /v1/openapi.json");
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  private static Map<String, String> bind(String[] pattern, String[] segments) {
    if (pattern.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(":")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        params.put(pattern[i].substring(1), segments[i]);
      } else if (!pattern[i].equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  /** 405 with the methods the path does accept. */
  static final class MethodNotAllowed extends RuntimeException {
    final ApiException error;
    final String allow;

    MethodNotAllowed(String method, String path, Set<String> allowed) {
      super(null, null, false, false);
      this.allow = String.join(", ", allowed);
      this.error = new ApiException(405, "method_not_allowed", method + " is not allowed on " + path + "; allowed: " + allow, null);
    }
  }
}

package dev.panels.app.auth;

import dev.panels.app.problem.Problem;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Deny by default, enforced by the app itself so it holds on every server: a resource method runs
 * only if it (or its class) says who may call it, and the caller has one of those roles.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessControlFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return; // no match: the runtime answers 404/405
        }
        Access access = Access.of(method, declaringResource(resourceInfo.getResourceClass(), method));
        if (access.permitAll()) {
            return;
        }
        if (access.roles().length == 0) {
            request.abortWith(Problem.of(ProblemType.PERMISSION, "This operation is not open to anyone").toResponse());
            return;
        }
        if (request.getSecurityContext().getUserPrincipal() == null) {
            // Some servers let a request whose token they refused go on anonymously: say which case it is.
            boolean tokenSent = request.getHeaderString("Authorization") != null;
            request.abortWith((tokenSent
                    ? Problem.of(ProblemType.TOKEN, "The bearer token was rejected (signature, issuer, audience or lifetime)")
                    : Problem.of(ProblemType.AUTHENTICATION, "A valid bearer token is required")).toResponse());
            return;
        }
        boolean allowed = Arrays.stream(access.roles()).anyMatch(request.getSecurityContext()::isUserInRole);
        if (!allowed) {
            request.abortWith(Problem.of(ProblemType.PERMISSION, "Your roles do not allow this request").toResponse());
        }
    }

    /** CDI may hand us a proxy subclass; the annotations live on the class the developer wrote. */
    private static Class<?> declaringResource(Class<?> resourceClass, Method method) {
        Class<?> type = resourceClass == null ? method.getDeclaringClass() : resourceClass;
        while (type.getSuperclass() != null && (type.isSynthetic() || type.getName().contains("$"))
                && type.getAnnotation(jakarta.ws.rs.Path.class) == null) {
            type = type.getSuperclass();
        }
        return type;
    }

    /** Method-level annotations win over class-level ones; none at all means nobody. */
    public record Access(boolean permitAll, String[] roles) {

        public static Access of(Method method, Class<?> resourceClass) {
            if (method.isAnnotationPresent(DenyAll.class)) {
                return new Access(false, new String[0]);
            }
            if (method.isAnnotationPresent(PermitAll.class)) {
                return new Access(true, new String[0]);
            }
            RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
            if (onMethod != null) {
                return new Access(false, onMethod.value());
            }
            if (resourceClass.isAnnotationPresent(DenyAll.class)) {
                return new Access(false, new String[0]);
            }
            if (resourceClass.isAnnotationPresent(PermitAll.class)) {
                return new Access(true, new String[0]);
            }
            RolesAllowed onClass = resourceClass.getAnnotation(RolesAllowed.class);
            return new Access(false, onClass == null ? new String[0] : onClass.value());
        }

        public boolean declared() {
            return permitAll || roles.length > 0;
        }
    }
}

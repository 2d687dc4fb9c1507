package org.openrcm.server.security;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension giving test classes one {@link SmartStack} (a real Keycloak with the shipped realm and an
 * OpenRCM server secured by it) for the whole run: the first class that asks starts it, every later class gets the
 * same instances, and JUnit closes it when the run ends (it lives in the root context's store). Ask for it as a
 * parameter, e.g. of a {@code @BeforeAll} method: {@code static void start(SmartStack stack)}.
 */
final class SecuredStack implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SecuredStack.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == SmartStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SmartStack.class, type -> {
			try {
				return SmartStack.start();
			} catch (Exception e) {
				throw new ParameterResolutionException("the secured stack (Keycloak + OpenRCM) did not start", e);
			}
		}, SmartStack.class);
	}
}

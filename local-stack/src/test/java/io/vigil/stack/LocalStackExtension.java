package io.vigil.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One whole local stack per test JVM, on free ports and a temporary data dir, started exactly
 * as `./vigil up` starts it. Test classes share it through {@link #stack()}.
 */
public final class LocalStackExtension implements BeforeAllCallback {
    static final String ADMIN_PASSWORD = "it-admin-" + Long.toHexString(System.nanoTime());
    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalStackExtension.class, key -> start(), Running.class);
    }

    static LocalStack stack() {
        return running.stack;
    }

    private static Running start() {
        try {
            Path home = Path.of(System.getProperty("vigil.home", ".."))
                    .toAbsolutePath()
                    .normalize();
            Path data = Files.createTempDirectory("vigil-it-stack");
            StackSettings settings =
                    StackSettings.onFreePorts(home, data, Map.of("VIGIL_ADMIN_PASSWORD", ADMIN_PASSWORD));
            running = new Running(LocalStack.start(settings, line -> System.out.println("[stack] " + line)));
            return running;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local stack", e);
        }
    }

    private record Running(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}

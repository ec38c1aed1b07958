package io.vigil.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Ends a child JVM when its parent goes: the parent holds the child's standard input open, so
 * its end (the parent exited, crashed or was killed) means nobody will stop this process. A
 * crashed test run or launcher thus never leaves a broker or node behind.
 *
 * <p>As a main class, {@code ParentWatch MAIN_CLASS ARGS...} runs another program's main (Flink's
 * cluster entry points) under the same watch.
 */
public final class ParentWatch {
    private ParentWatch() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        exitWhenStdinCloses();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object)
                    Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The rest of a service's main once it is started: prints {@code readyLine} for the parent,
     * then blocks until the JVM is asked to stop (SIGTERM, or standard input ending), when
     * {@code stop} runs in a shutdown hook before the JVM exits.
     */
    public static void serve(String readyLine, Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.run();
                            stopped.countDown();
                        },
                        "service-stop"));
        System.out.println(readyLine);
        System.out.flush();
        exitWhenStdinCloses();
        stopped.await();
    }

    /** Exits the JVM (shutdown hooks run) once standard input ends. */
    public static void exitWhenStdinCloses() {
        Thread watch = new Thread(
                () -> {
                    awaitEof(System.in);
                    System.exit(0);
                },
                "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void awaitEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing is expected on stdin; only its end matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, as EOF does
        }
    }
}

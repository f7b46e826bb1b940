package dev.orch.interpreter.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The process that runs a run: host, pid and the process's own start time. The start time guards against a pid
 * reused by an unrelated process after a crash; the host, against judging a process on another machine (a store on
 * a shared disk) as dead.
 */
public record ProcessOwner(String host, long pid, Instant processStartedAt) {

    public static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(thisHost(), self.pid(), self.info().startInstant().orElse(null));
    }

    /** Whether a run recorded with this owner may still be running. */
    @FunctionalInterface
    public interface Liveness {
        boolean alive(ProcessOwner owner);

        /**
         * On this host, asks the OS. On another host it cannot know, so it answers yes: a run is only called killed
         * when that is certain.
         */
        Liveness SYSTEM = owner -> {
            if (!owner.host().equals(thisHost())) return true;
            return ProcessHandle.of(owner.pid())
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> owner.processStartedAt() == null || p.info().startInstant()
                            .map(s -> Duration.between(s, owner.processStartedAt()).abs().toMillis() < 1000)
                            .orElse(true))
                    .isPresent();
        };
    }

    private static String cachedHost;

    static synchronized String thisHost() {
        if (cachedHost == null) cachedHost = lookUpHost();
        return cachedHost;
    }

    private static String lookUpHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.strip();
        try {
            String etc = Files.readString(Path.of("/etc/hostname")).strip();
            if (!etc.isEmpty()) return etc;
        } catch (IOException | RuntimeException e) {
            // not Linux, or no such file: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

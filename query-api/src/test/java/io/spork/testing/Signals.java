package io.spork.testing;

import java.io.IOException;

/** POSIX signals to child processes: SIGSTOP hangs a process (not dead, not answering), SIGCONT resumes it. */
public final class Signals {
    private Signals() {
    }

    public static void send(String signal, long pid) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IOException("kill -" + signal + " " + pid + " exited " + rc);
        }
    }
}

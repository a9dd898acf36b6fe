package dev.docent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the operator's own commands ({@code ./docent db stop}, ...) the way an operator would, for fault drills. */
public final class Operator {

    private Operator() {
    }

    /** {@code ./docent ARGS...} from the project's root; fails the test when the command fails. */
    public static String docent(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root().resolve("docent").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./docent " + String.join(" ", args) + " did not finish in 120 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./docent " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        return Path.of(System.getProperty("docent.it.root", System.getProperty("user.dir")));
    }
}

package io.spork.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A parsed command line: the command, its --name value options and its positional words. */
public record CommandLine(String command, Map<String, String> options, List<String> positional) {
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("remove-query", "sweep");

    /** The command line is wrong; the message says how to call it. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String[] args) {
        if (args.length == 0) {
            return new CommandLine("help", Map.of(), List.of());
        }
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq > 0) {
                    options.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (FLAGS.contains(name)) {
                    options.put(name, "true");
                } else {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    options.put(name, args[++i]);
                }
            } else {
                positional.add(a);
            }
        }
        return new CommandLine(args[0], options, positional);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }
}

package io.spork.search;

import java.util.Arrays;
import java.util.Locale;

/** The tag of a closed set's member, as requests and configuration name it: its name in lower case. */
final class Tags {
    private Tags() {
    }

    static String of(Enum<?> member) {
        return member.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param shown the tag as an error message quotes it
     * @throws IllegalArgumentException naming the accepted tags
     */
    static <E extends Enum<E>> E parse(Class<E> type, String tag, String shown, String what) {
        for (E member : type.getEnumConstants()) {
            if (of(member).equals(tag)) {
                return member;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + shown + "'; one of "
                + Arrays.stream(type.getEnumConstants()).map(Tags::of).toList());
    }
}

package org.opencarboneval.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent argument string ({@code key=value,key=value}) cut into its pieces. A comma or backslash inside a value is
 * written {@code \,} or {@code \\} (e.g. {@code auth.password=a\,b}); any other backslash is kept as it is, so a
 * Windows-style path needs no escaping. Only cutting happens here; {@link AgentSettings} judges keys and values.
 */
final class AgentArguments {

    /** One piece between unescaped commas, unescaped, with its 1-based position for messages. */
    record Piece(int position, String text) {
    }

    private AgentArguments() {
    }

    static List<Piece> split(String arguments) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            boolean escape = c == '\\' && i + 1 < arguments.length()
                && (arguments.charAt(i + 1) == ',' || arguments.charAt(i + 1) == '\\');
            if (escape) {
                current.append(arguments.charAt(++i));
            } else if (c == ',') {
                pieces.add(new Piece(pieces.size() + 1, current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(new Piece(pieces.size() + 1, current.toString()));
        return pieces;
    }

}

package dev.dualwrite.core.config;

/**
 * One column in transition on one table: either a {@link RenameWindow} or a {@link DropWindow}.
 */
public sealed interface Window permits RenameWindow, DropWindow {

    TableRef table();

    /**
     * This window's own choice for statements it cannot rewrite with certainty, or null to follow the configuration's
     * global setting.
     */
    OnUnsupported onUnsupported();

    /** The line of the configuration file that declares the window, or 0 when it was built in code. */
    int line();

    /** A short description for messages, e.g. {@code people.full_name -> display_name (mirror)}. */
    String describe();

    /**
     * What the window is about regardless of its phase, e.g. {@code people.full_name -> display_name}: the same key
     * before and after a phase change, so that usage counts carry over.
     */
    String key();
}

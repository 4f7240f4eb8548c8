package dev.dualwrite.core.rewrite;

import java.util.Arrays;

/**
 * Where each parameter the application binds goes in the rewritten statement. Application index {@code i} (1-based)
 * maps to zero or more physical indexes: one normally, two or more when a written value is mirrored into a second
 * column, none when the value belonged to a dropped column.
 *
 * <p>{@link #IDENTITY} means every index maps to itself; doors test for it by reference and skip all mapping work.
 */
public final class ParameterMap {
    /** Every application index is its own physical index. */
    public static final ParameterMap IDENTITY = new ParameterMap(new int[0][], 0);

    private static final int[] NONE = new int[0];

    private final int[][] physicalByApplication;
    private final int physicalCount;

    private ParameterMap(int[][] physicalByApplication, int physicalCount) {
        this.physicalByApplication = physicalByApplication;
        this.physicalCount = physicalCount;
    }

    /**
     * Builds the map from the order of placeholders in the rewritten text.
     *
     * @param applicationIndexOfPhysical for each physical placeholder in order, the application index (1-based) it
     *                                   carries
     * @param applicationCount           how many placeholders the application's statement has
     */
    static ParameterMap of(int[] applicationIndexOfPhysical, int applicationCount) {
        boolean identity = applicationIndexOfPhysical.length == applicationCount;
        for (int p = 0; identity && p < applicationIndexOfPhysical.length; p++) {
            identity = applicationIndexOfPhysical[p] == p + 1;
        }
        if (identity) {
            return IDENTITY;
        }
        int[] counts = new int[applicationCount + 1];
        for (int a : applicationIndexOfPhysical) {
            counts[a]++;
        }
        int[][] map = new int[applicationCount][];
        for (int a = 1; a <= applicationCount; a++) {
            map[a - 1] = counts[a] == 0 ? NONE : new int[counts[a]];
            counts[a] = 0;
        }
        for (int p = 0; p < applicationIndexOfPhysical.length; p++) {
            int a = applicationIndexOfPhysical[p];
            map[a - 1][counts[a]++] = p + 1;
        }
        return new ParameterMap(map, applicationIndexOfPhysical.length);
    }

    public boolean isIdentity() {
        return this == IDENTITY;
    }

    /** How many placeholders the application's statement has; 0 for {@link #IDENTITY} (unknown, not needed). */
    public int applicationCount() {
        return physicalByApplication.length;
    }

    /** How many placeholders the rewritten statement has; 0 for {@link #IDENTITY}. */
    public int physicalCount() {
        return physicalCount;
    }

    /**
     * The physical indexes (1-based) that application index {@code applicationIndex} (1-based) must be bound to. The
     * returned array must not be modified. For {@link #IDENTITY} use the index itself.
     *
     * @throws IndexOutOfBoundsException when the statement has no such placeholder
     */
    public int[] physical(int applicationIndex) {
        return physicalByApplication[applicationIndex - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterMap m && m.physicalCount == physicalCount
                && Arrays.deepEquals(m.physicalByApplication, physicalByApplication);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(physicalByApplication) * 31 + physicalCount;
    }

    @Override
    public String toString() {
        if (this == IDENTITY) {
            return "identity";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < physicalByApplication.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(i + 1).append("->").append(Arrays.toString(physicalByApplication[i]).replace(" ", ""));
        }
        return b.toString();
    }
}

package dev.verdict.data.synth;

import java.util.Locale;

/**
 * What lies behind the objects. Qwen2.5-VL's vision tower has no absolute position embedding (only 2-D rotary
 * positions inside attention), so on a flat background two cells with the same content give the same features
 * wherever they are; and in the decoder's multimodal rotary embedding the column stream drives only the lowest
 * frequencies, which barely rotate over a 4-token row. A {@link #TILED} backdrop tints every cell by its row and
 * column, the way real photographs carry position in their content, so the image tokens themselves say where they
 * are.
 */
public enum Backdrop {
    /** One grey ({@link Palette#BACKGROUND}) everywhere. */
    FLAT,
    /** Each cell its own grey-blue tint: red channel by column, green channel by row (levels 88..136). */
    TILED;

    private static final int LOW = 88;
    private static final int SPAN = 48;

    /** Packed 0xRRGGBB behind the cell at {@code row}, {@code col} of a {@code grid x grid} grid. */
    public int rgb(int row, int col, int grid) {
        if (this == FLAT) {
            return Palette.BACKGROUND.rgb();
        }
        return (level(col, grid) << 16) | (level(row, grid) << 8) | Palette.BACKGROUND.b();
    }

    private static int level(int index, int grid) {
        return LOW + Math.round((float) SPAN * index / (grid - 1));
    }

    /** The lower-case name used in world.json and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backdrop named {@code id} ({@code flat} or {@code tiled}). */
    public static Backdrop of(String id) {
        for (Backdrop b : values()) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backdrop \"" + id + "\" (choose flat or tiled)");
    }
}

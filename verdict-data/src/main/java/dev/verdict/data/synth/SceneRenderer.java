package dev.verdict.data.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Scene} with Java2D: the world's {@link Backdrop} behind every cell, one filled, antialiased shape per
 * occupied cell.
 */
public final class SceneRenderer {
    private SceneRenderer() {}

    /** The RGB image of {@code scene}. */
    public static BufferedImage render(Scene scene, WorldConfig cfg) {
        int size = cfg.imageSize();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            int cell = cfg.cellSize();
            for (int row = 0; row < cfg.grid(); row++) {
                for (int col = 0; col < cfg.grid(); col++) {
                    g.setColor(new Color(cfg.backdrop().rgb(row, col, cfg.grid())));
                    g.fillRect(col * cell, row * cell, cell, cell);
                }
            }
            for (int row = 0; row < cfg.grid(); row++) {
                for (int col = 0; col < cfg.grid(); col++) {
                    Scene.Thing t = scene.at(row, col);
                    if (t != null) {
                        int cx = col * cell + cell / 2 + t.dx();
                        int cy = row * cell + cell / 2 + t.dy();
                        g.setColor(new Color(cfg.palette().get(t.colour()).rgb()));
                        if (t.shape() == ShapeKind.BAR) {
                            int margin = cell / 6;
                            g.fillRect(col * cell + margin, row * cell, cell - 2 * margin, cell);
                        } else {
                            draw(g, t.shape(), cx, cy, t.radius());
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The PNG bytes of {@code scene}. */
    public static byte[] png(Scene scene, WorldConfig cfg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(render(scene, cfg), "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, ShapeKind shape, int cx, int cy, int r) {
        switch (shape) {
            case CIRCLE -> g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            case SQUARE -> {
                int h = (int) Math.round(r * 0.85);
                g.fillRect(cx - h, cy - h, 2 * h, 2 * h);
            }
            case TRIANGLE ->
                g.fillPolygon(new Polygon(
                        new int[] {cx, cx + r, cx - r},
                        new int[] {cy - r, cy + (int) Math.round(r * 0.8), cy + (int) Math.round(r * 0.8)},
                        3));
            case DIAMOND ->
                g.fillPolygon(new Polygon(new int[] {cx, cx + r, cx, cx - r}, new int[] {cy - r, cy, cy + r, cy}, 4));
            case BAR -> throw new IllegalArgumentException("bars are drawn per cell");
        }
    }
}

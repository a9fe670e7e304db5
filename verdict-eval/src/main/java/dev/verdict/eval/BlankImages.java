package dev.verdict.eval;

import dev.verdict.image.ImageLimits;
import dev.verdict.image.Images;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The blind evaluation's stand-in images: each image of a pair replaced by a uniform mid-grey PNG of the same
 * size. The prompt keeps its shape (the same image tokens in the same place, so a vision-language judge trained
 * always with an image still writes a well-formed judgment), while nothing in it tells one response from the
 * other. Dropping the images instead puts a judge that never saw an image-free prompt out of its distribution, so
 * its blind accuracy would measure broken text, not how much of its accuracy the image supplies. Thread-safe.
 */
final class BlankImages {
    /** The fill, the middle of the 8-bit range. */
    static final int GREY = 128;

    private final Map<Long, byte[]> pngBySize = new ConcurrentHashMap<>();

    /** {@code pair} with each image replaced by a blank one of the same width and height. */
    PairExample blank(PairExample pair) {
        List<ImageRef> out = new ArrayList<>(pair.images().size());
        for (ImageRef ref : pair.images()) {
            BufferedImage img = Images.decode(ref.bytes(), ref.describe(), ImageLimits.DEFAULT);
            long key = ((long) img.getWidth() << 32) | img.getHeight();
            out.add(ImageRef.bytes(pngBySize.computeIfAbsent(key, k -> png(img.getWidth(), img.getHeight()))));
        }
        return pair.with("images", out);
    }

    private static byte[] png(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(GREY, GREY, GREY));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a blank PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}

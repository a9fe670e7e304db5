package dev.verdict.train.data;

import dev.verdict.image.ImageLimits;
import dev.verdict.image.Images;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Decodes a pair's images, with the default size limits; a bad image is an error naming it. */
public final class PairImages {
    private PairImages() {}

    public static List<BufferedImage> decode(PairExample pair) {
        List<BufferedImage> images = new ArrayList<>();
        for (ImageRef ref : pair.images()) {
            images.add(Images.decode(ref.bytes(), ref.describe(), ImageLimits.DEFAULT));
        }
        return images;
    }
}

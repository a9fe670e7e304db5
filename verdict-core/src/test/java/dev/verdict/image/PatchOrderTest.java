package dev.verdict.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flattening order of spec section 5.4, checked on images whose pixels encode their own
 * coordinates: row r = (((gt*BH + bh)*BW + bw)*2 + dy)*2 + dx, column c*392 + tau*196 + y*14 + x.
 */
class PatchOrderTest {

    private final ImageProcessor processor = new ImageProcessor();
    private final float[] table = processor.normalizationTable(); // (3, 256)

    /** R = column, G = row, B = frame marker: every pixel of every frame is distinguishable. */
    private static RgbImage coordinates(int w, int h, int frame) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) x;
                rgb[i + 1] = (byte) y;
                rgb[i + 2] = (byte) (40 * frame + (x + y) % 40);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void stillImageRowsAreMergeBlocks() {
        int w = 84; // grid w 6 -> 3 blocks
        int h = 56; // grid h 4 -> 2 blocks
        RgbImage image = coordinates(w, h, 0);
        ProcessedImage out = processor.processResized(image);
        assertEquals(new ImageGrid(1, 4, 6), out.grid());
        checkEveryValue(out, List.of(image, image)); // a still image is two identical frames
    }

    @Test
    void videoRowsIterateFrameGroupsFirst() {
        List<RgbImage> frames = List.of(coordinates(56, 84, 0), coordinates(56, 84, 1), coordinates(56, 84, 2));
        ProcessedImage out = processor.processFrames(frames);
        assertEquals(new ImageGrid(2, 6, 4), out.grid());
        // frame 3 is a repeat of frame 2
        checkEveryValue(out, List.of(frames.get(0), frames.get(1), frames.get(2), frames.get(2)));
    }

    @Test
    void spotChecksByHand() {
        ProcessedImage out = processor.processResized(coordinates(84, 56, 0));
        // row 1 = block (0,0), dy 0, dx 1: the patch at x 14..27, y 0..13; column 5 = R of pixel (19, 0)
        assertEquals(table[19], out.get(1, 5));
        // row 2 = dy 1, dx 0: y 14..27; column 392 + 14*3 + 2 = G of pixel (2, 17)
        assertEquals(table[256 + 17], out.get(2, 392 + 3 * 14 + 2));
        // row 4 = block (0,1), dy 0, dx 0: x 28..41; column 0 = R of pixel (28, 0)
        assertEquals(table[28], out.get(4, 0));
        // row 12 = block (1,0), dy 0, dx 0: y 28..41; last column = B of pixel (13, 41), tau 1 (the repeat)
        assertEquals(table[512 + (13 + 41) % 40], out.get(12, 1175));
    }

    private void checkEveryValue(ProcessedImage out, List<RgbImage> frames) {
        ImageGrid g = out.grid();
        int bhCount = g.h() / 2;
        int bwCount = g.w() / 2;
        for (int gt = 0; gt < g.t(); gt++) {
            for (int bh = 0; bh < bhCount; bh++) {
                for (int bw = 0; bw < bwCount; bw++) {
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int row = (((gt * bhCount + bh) * bwCount + bw) * 2 + dy) * 2 + dx;
                            checkRow(out, frames, row, gt, (bh * 2 + dy) * 14, (bw * 2 + dx) * 14);
                        }
                    }
                }
            }
        }
    }

    private void checkRow(ProcessedImage out, List<RgbImage> frames, int row, int gt, int top, int left) {
        for (int c = 0; c < 3; c++) {
            for (int tau = 0; tau < 2; tau++) {
                RgbImage frame = frames.get(gt * 2 + tau);
                for (int y = 0; y < 14; y++) {
                    for (int x = 0; x < 14; x++) {
                        int col = c * 392 + tau * 196 + y * 14 + x;
                        float expected = table[c * 256 + frame.get(left + x, top + y, c)];
                        assertEquals(expected, out.get(row, col), "row " + row + " col " + col);
                    }
                }
            }
        }
    }
}

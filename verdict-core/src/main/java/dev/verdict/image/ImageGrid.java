package dev.verdict.image;

/** An image's patch grid: t temporal patches x h x w spatial 14-px patches. */
public record ImageGrid(int t, int h, int w) {
    public int patches() {
        return t * h * w;
    }

    public int mergedTokens(int merge) {
        return t * (h / merge) * (w / merge);
    }
}

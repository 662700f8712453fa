package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Thumbnails scaled to a tile's size: each target pixel is the mean of the source area it covers. */
class ImageCacheScaleTest {

    private static int grey(int v) {
        return 0xff000000 | v << 16 | v << 8 | v;
    }

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        int[] src = {
            grey(0), grey(100), grey(200), grey(200),
            grey(100), grey(200), grey(40), grey(0),
        };
        int[] dst = ImageCache.scaleDown(src, 4, 2, 2, 1);
        assertThat(dst).containsExactly(grey(100), grey(110));
    }

    @Test
    void aThirdOfAPixelCountsForAThird() {
        // 3 pixels into 2: the middle source pixel is shared half and half.
        int[] src = {grey(0), grey(90), grey(180)};
        int[] dst = ImageCache.scaleDown(src, 3, 1, 2, 1);
        assertThat(dst).containsExactly(grey(30), grey(150));
    }
}

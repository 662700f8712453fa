package kindred.vision;

import kindred.library.Thumbnailer;
import kindred.model.FaceBox;
import kindred.model.PhotoReadException;

/**
 * Thumbnails and face crops with OpenCV ({@link Thumbnails}): reduced JPEG decoding, EXIF orientation applied by
 * {@link PhotoDecoder}, area-averaged downscaling. Stateless and thread-safe. Making one loads nothing: the
 * composition root makes it with the window, and the native libraries load on the first thumbnail, on an image
 * thread ({@link NativeLibraries}).
 */
public final class OpenCvThumbnailer implements Thumbnailer {

    @Override
    public Pixels thumbnail(byte[] encoded, int exifOrientation, int maxSide) throws PhotoReadException {
        return Thumbnails.thumbnail(encoded, exifOrientation, maxSide);
    }

    @Override
    public Pixels faceCrop(byte[] encoded, int exifOrientation, FaceBox box, int size) throws PhotoReadException {
        return Thumbnails.faceCrop(encoded, exifOrientation, box, size);
    }
}

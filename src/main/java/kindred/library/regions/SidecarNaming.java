package kindred.library.regions;

/** Which sidecar file an export writes. Import always reads both names. */
public enum SidecarNaming {
    /**
     * The default: the sidecar that already exists when exactly one of {@code photo.jpg.xmp} and
     * {@code photo.xmp} does (so metadata is never split over two files), else {@code photo.jpg.xmp}.
     */
    AUTO,
    /** {@code photo.jpg.xmp}: digiKam, darktable, Immich; unambiguous when photo.jpg and photo.nef share a folder. */
    FULL_NAME,
    /** {@code photo.xmp}: Lightroom, Capture One, Bridge. */
    BASE_NAME
}

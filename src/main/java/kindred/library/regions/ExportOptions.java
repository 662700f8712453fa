package kindred.library.regions;

/**
 * Where and how an export writes.
 *
 * @param sidecar  write an XMP sidecar next to the photo
 * @param embedded write into the photo's own XMP (JPEG only)
 * @param naming   which sidecar name
 * @param dryRun   compute and report the changes, write nothing
 */
public record ExportOptions(boolean sidecar, boolean embedded, SidecarNaming naming, boolean dryRun) {

    /** Sidecar only, automatic naming: what {@code kindred xmp export} does without options. */
    public static ExportOptions defaults() {
        return new ExportOptions(true, false, SidecarNaming.AUTO, false);
    }
}

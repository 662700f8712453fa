package kindred.library;

/** Port to EXIF / container metadata. Thread-safe. Never throws on bad metadata: missing values are null. */
public interface MetadataReader {

    /** Reads what the file's own metadata says; {@code fileName} helps tell the format. */
    PhotoMetadata read(byte[] encoded, String fileName);
}

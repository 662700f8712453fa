package kindred.library;

import java.nio.file.Path;
import java.util.List;

/**
 * Port to what keeps the library trustworthy: backups, the privacy log the user can read, and the export of every
 * stored row ("export my data"). Thread-safe.
 */
public interface TrustStore {

    /** A consistent copy of the library in {@code backups/} (owner-only). */
    Path backup(String label);

    /** The backups of this library, oldest first. */
    List<Path> backups();

    /**
     * Erases a person from every backup that contains them (by name, case-insensitively), the same way
     * {@code forget} does in the library, and rewrites each file so no freed page keeps their data.
     */
    ScrubResult scrubPersonFromBackups(String name);

    /**
     * @param scrubbed backups that contained the person and no longer do
     * @param problems backups that could not be rewritten, with why (the user should delete them)
     */
    record ScrubResult(int scrubbed, List<String> problems) {
    }

    /** Appends to the privacy log. */
    void log(String event, String detail);

    /** The privacy log, oldest first. */
    List<PrivacyEvent> privacyLog();

    /** One entry of the privacy log; {@code at} in milliseconds since the epoch. */
    record PrivacyEvent(long at, String event, String detail) {
    }

    /**
     * Writes everything the library stores as one JSON document, table by table, replacing {@code out} atomically
     * (owner-only). Streams: memory stays small for any library size.
     *
     * @param withEmbeddings include face embeddings (biometric vectors) as float arrays; else they are left out
     * @return the number of rows written per table, in order
     */
    java.util.Map<String, Integer> exportData(Path out, boolean withEmbeddings);

    /** What a restore did: the backup it restored, and where the library as it was before is kept (null: there was none). */
    record RestoreResult(Path restoredFrom, Path previousKeptAs) {
    }
}

package kindred.library;

/**
 * One model file of a pack, as pinned in {@code assets/models/models.lock}.
 *
 * @param id      model id recorded with each face it produced
 * @param pack    "default" or the optional pack's name
 * @param role    "detector" or "embedder"
 * @param file    file name
 * @param sha256  pinned SHA-256
 * @param license licence of the file
 * @param origin  where it comes from: "npm:NAME@VERSION/path" or the upstream URL
 * @param present whether the file is installed and its hash matches
 */
public record ModelFileInfo(String id, String pack, String role, String file, String sha256, String license,
                            String origin, boolean present) {
}

package kindred.library.regions;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export did (or, in a dry run, would do) to one file.
 *
 * @param file           the sidecar or photo
 * @param created        the file did not exist before
 * @param changed        its XMP differs from before (false: left untouched)
 * @param regionsRemoved Kindred's own regions (MWG and Microsoft) that were there before
 * @param regionsWritten Kindred's regions now there (each face counts once, though written in two schemas)
 * @param namesAdded     names added to the people keywords
 * @param namesRemoved   names Kindred had added before and that are gone now
 * @param kept           names whose region another program already wrote; left as they were
 */
public record FileChange(Path file, boolean created, boolean changed, int regionsRemoved, int regionsWritten,
                         List<String> namesAdded, List<String> namesRemoved, List<String> kept) {
}

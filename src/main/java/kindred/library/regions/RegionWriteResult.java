package kindred.library.regions;

import java.util.List;

/** The outcome of writing one photo's regions: a change per file considered, and what was skipped and why. */
public record RegionWriteResult(List<FileChange> files, List<String> problems) {

    public boolean changed() {
        return files.stream().anyMatch(FileChange::changed);
    }
}

package kindred.library;

import java.nio.file.Path;

/** A folder the user asked to scan does not exist. */
public class MissingFolderException extends Exception {
    public MissingFolderException(Path folder) {
        super("The folder " + folder + " does not exist (or is not reachable). Check the path, or plug in the drive it is on, "
                + "then run the scan again.");
    }
}

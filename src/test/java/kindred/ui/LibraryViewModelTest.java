package kindred.ui;

import java.nio.file.Path;
import kindred.app.Services;
import kindred.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the view-model tests on a real library share (no window): a library in a temporary folder, the window's
 * view model running its tasks on the calling thread, and synthetic photos of a few identities to index.
 */
public abstract class LibraryViewModelTest {

    @TempDir
    protected Path tmp;

    protected Services services;
    protected MainWindowViewModel vm;
    protected SyntheticPhotos photos;

    @BeforeEach
    protected void open() throws Exception {
        services = new Services(tmp.resolve("library"));
        vm = new MainWindowViewModel(services, new CurrentThreadTaskExecutor());
        photos = new SyntheticPhotos(services, tmp.resolve("photos"), 2);
    }

    @AfterEach
    protected void close() {
        services.close();
    }
}

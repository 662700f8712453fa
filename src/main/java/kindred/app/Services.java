package kindred.app;

import java.nio.file.Path;
import kindred.cli.CliServices;
import kindred.library.FolderScanner;
import kindred.library.LibraryStore;
import kindred.library.MetadataReader;
import kindred.library.People;
import kindred.library.VisionProvider;
import kindred.library.regions.FaceRegionSync;
import kindred.metadata.ExifMetadataReader;
import kindred.metadata.XmpFaceRegions;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import kindred.vision.OpenCvRegionEmbedder;
import kindred.vision.OpenCvVisionProvider;
import kindred.worker.IndexingService;

/**
 * The composition root's object graph for one library folder. Built lazily: the database opens (and
 * migrates) on first use, the models load when an analyzer is first needed. Not thread-safe to build;
 * the services it hands out are.
 */
public final class Services implements CliServices {

    private final Path libraryDir;
    private SqliteLibraryStore store;
    private VisionProvider vision;
    private final MetadataReader metadata = new ExifMetadataReader();
    private IndexingService indexing;
    private People people;

    public Services(Path libraryDir) {
        this.libraryDir = libraryDir;
    }

    @Override
    public Path libraryDir() {
        return libraryDir;
    }

    @Override
    public synchronized LibraryStore store() {
        if (store == null) {
            store = new SqliteLibraryStore(Database.open(libraryDir));
        }
        return store;
    }

    @Override
    public synchronized VisionProvider vision() {
        if (vision == null) {
            vision = new OpenCvVisionProvider(libraryDir.resolve("models"));
        }
        return vision;
    }

    @Override
    public MetadataReader metadata() {
        return metadata;
    }

    @Override
    public synchronized IndexingService indexing() {
        if (indexing == null) {
            indexing = new IndexingService(store(), metadata, vision(), IndexingService.defaultThreads());
        }
        return indexing;
    }

    @Override
    public FolderScanner scanner() {
        return new FolderScanner(store(), vision().activeDetectorId());
    }

    @Override
    public synchronized People people() {
        if (people == null) {
            store();
            people = new People(new SqlitePeopleStore(store.database()));
        }
        return people;
    }

    @Override
    public synchronized FaceRegionSync regions(java.util.List<Path> picasaContacts) {
        store();
        People p = people();
        return new FaceRegionSync(store, new SqlitePeopleStore(store.database()), new XmpFaceRegions(metadata, picasaContacts),
                () -> new OpenCvRegionEmbedder((OpenCvVisionProvider) vision()), p::clusterNewFaces);
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}

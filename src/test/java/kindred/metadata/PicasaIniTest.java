package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kindred.library.regions.RegionRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicasaIniTest {

    @TempDir
    Path tmp;

    @Test
    void rect64IsLeftTopRightBottomInSixteenBitFractions() {
        // left 0x4000, top 0x2000, right 0x8000, bottom 0x6000
        Orientation.Rect r = PicasaIni.rect64("4000200080006000");
        assertThat(r.x()).isCloseTo(0x4000 / 65535.0, within(1e-9));
        assertThat(r.y()).isCloseTo(0x2000 / 65535.0, within(1e-9));
        assertThat(r.w()).isCloseTo((0x8000 - 0x4000) / 65535.0, within(1e-9));
        assertThat(r.h()).isCloseTo((0x6000 - 0x2000) / 65535.0, within(1e-9));
    }

    @Test
    void rect64WithLeadingZerosDroppedIsPaddedOnTheLeft() {
        // left 0, top 0x1000, right 0x8000, bottom 0xffff written without the leading zeros
        Orientation.Rect r = PicasaIni.rect64("10008000ffff");
        assertThat(r.x()).isZero();
        assertThat(r.y()).isCloseTo(0x1000 / 65535.0, within(1e-9));
        assertThat(r.y() + r.h()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void malformedRect64IsRejected() {
        assertThat(PicasaIni.rect64("")).isNull();
        assertThat(PicasaIni.rect64("xyz")).isNull();
        assertThat(PicasaIni.rect64("12345678901234567")).isNull();
        assertThat(PicasaIni.rect64("8000000040000000")).as("right left of left").isNull();
    }

    @Test
    void facesAreNamedFromContacts2OrContactsXmlAndUnknownOnesHaveNoName() throws Exception {
        PicasaIni ini = PicasaIni.parse("""
                [IMG_0001.JPG]
                faces=rect64(4000200080006000),aaaa0000aaaa0000;rect64(9000200c0006000),bbbb0000bbbb0000;rect64(1000100020002000),ffffffffffffffff
                [other.jpg]
                faces=rect64(1000100020002000),aaaa0000aaaa0000
                [Contacts2]
                aaaa0000aaaa0000=Anna Schmidt;;
                """);
        Path xml = tmp.resolve("contacts.xml");
        Files.writeString(xml, """
                <contacts>
                 <contact id="bbbb0000bbbb0000" name="Ben" display="Benny" modified_time="2011-01-01"/>
                </contacts>
                """, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        List<PicasaIni.Face> faces = ini.faces("img_0001.jpg", PicasaIni.contactsXml(xml), problems);
        assertThat(problems).isEmpty();
        assertThat(faces).extracting(PicasaIni.Face::name).containsExactly("Anna Schmidt", "Ben", null);
    }

    @Test
    void aPhotoReadsItsPicasaFacesInDisplaySpace() throws Exception {
        Path photo = tmp.resolve("p.jpg");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(600, 400, java.awt.image.BufferedImage.TYPE_INT_RGB), "jpg", photo.toFile());
        Files.writeString(tmp.resolve(".picasa.ini"), "[p.jpg]\nfaces=rect64(4000200080006000),aaaa\n[Contacts2]\naaaa=Anna;;\n");
        RegionRead read = new XmpRegionFiles(new ExifMetadataReader(), List.of()).read(photo);
        assertThat(read.regions()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Anna");
            assertThat(r.box().x()).isCloseTo(600 * 0x4000 / 65535.0, within(0.01));
            assertThat(r.box().h()).isCloseTo(400 * 0x4000 / 65535.0, within(0.01));
        });
    }

    @Test
    void contactsXmlWithADoctypeIsRefused() throws Exception {
        Path xml = tmp.resolve("contacts.xml");
        Files.writeString(xml, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><contacts><contact id=\"a\" name=\"&e;\"/></contacts>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PicasaIni.contactsXml(xml)).isInstanceOf(java.io.IOException.class);
        assertThat(Map.of()).isEmpty();
    }
}

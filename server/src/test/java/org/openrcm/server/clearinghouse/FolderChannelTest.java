package org.openrcm.server.clearinghouse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderChannelTest {

	private static final byte[] INTERCHANGE = "ISA*00*          *00*~IEA*1*000000001~".getBytes(US_ASCII);

	@TempDir
	Path folder;

	private FolderChannel channel() {
		return new FolderChannel(folder, ChannelDirectories.defaults());
	}

	@Test
	void uploadPutsTheFileInOutboundUnderItsNameAndLeavesNoPartFile() throws IOException {
		assertThat(channel().upload("837P-000000001.x12", INTERCHANGE)).isTrue();

		assertThat(folder.resolve("outbound/837P-000000001.x12")).hasBinaryContent(INTERCHANGE);
		assertThat(folder.resolve("outbound")).isDirectoryNotContaining("glob:**.part");
	}

	@Test
	void uploadingTheSameFileAgainUploadsNothing() throws IOException {
		FolderChannel channel = channel();
		channel.upload("837P-000000001.x12", INTERCHANGE);
		Path file = folder.resolve("outbound/837P-000000001.x12");
		FileTime written = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
		Files.setLastModifiedTime(file, written);

		assertThat(channel.upload("837P-000000001.x12", INTERCHANGE)).isFalse();

		assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
		assertThat(file).hasBinaryContent(INTERCHANGE);
	}

	@Test
	void aDifferentFileOfTheSameNameIsNotOverwritten() throws IOException {
		FolderChannel channel = channel();
		channel.upload("837P-000000001.x12", INTERCHANGE);

		assertThatThrownBy(() -> channel.upload("837P-000000001.x12", "ISA*other".getBytes(US_ASCII)))
				.isInstanceOf(FileAlreadyExistsException.class)
				.hasMessageContaining("not overwritten");
		assertThat(folder.resolve("outbound/837P-000000001.x12")).hasBinaryContent(INTERCHANGE);
	}

	@Test
	void aLeftoverPartFileFromACrashIsReplaced() throws IOException {
		Files.createDirectories(folder.resolve("outbound"));
		Files.writeString(folder.resolve("outbound/837P-000000001.x12.part"), "ISA*half");

		assertThat(channel().upload("837P-000000001.x12", INTERCHANGE)).isTrue();

		assertThat(folder.resolve("outbound/837P-000000001.x12")).hasBinaryContent(INTERCHANGE);
		assertThat(folder.resolve("outbound/837P-000000001.x12.part")).doesNotExist();
	}

	@Test
	void namesThatAreNotPlainVisibleFilesAreRefused() {
		FolderChannel channel = channel();
		for (String name : new String[] {"../escape.x12", "sub/file.x12", ".hidden", "file.x12.part", "", "a\\b"}) {
			assertThatThrownBy(() -> channel.upload(name, INTERCHANGE)).as(name)
					.isInstanceOf(IllegalArgumentException.class);
		}
		assertThat(folder.resolve("escape.x12")).doesNotExist();
	}

	@Test
	void listInboundShowsCompleteRegularFilesSortedAndSkipsPartialHiddenAndDirectories() throws IOException {
		Path inbound = Files.createDirectories(folder.resolve("inbound"));
		Files.writeString(inbound.resolve("999-b.x12"), "ISA");
		Files.writeString(inbound.resolve("277CA-a.x12"), "ISA");
		Files.writeString(inbound.resolve("835-c.x12.part"), "ISA");
		Files.writeString(inbound.resolve("835-d.x12.filepart"), "ISA");
		Files.writeString(inbound.resolve("835-e.TMP"), "ISA");
		Files.writeString(inbound.resolve(".835-f.x12"), "ISA");
		Files.createDirectories(inbound.resolve("subdirectory"));

		assertThat(channel().listInbound()).containsExactly("277CA-a.x12", "999-b.x12");
	}

	@Test
	void fetchReadsAnInboundFile() throws IOException {
		Path inbound = Files.createDirectories(folder.resolve("inbound"));
		Files.write(inbound.resolve("999.x12"), INTERCHANGE);

		assertThat(channel().fetch("999.x12")).isEqualTo(INTERCHANGE);
		assertThatThrownBy(() -> channel().fetch("missing.x12")).isInstanceOf(NoSuchFileException.class);
	}

	@Test
	void removeMovesTheFileToTheArchiveWithoutOverwritingAnArchivedOne() throws IOException {
		Path inbound = Files.createDirectories(folder.resolve("inbound"));
		Files.writeString(inbound.resolve("999.x12"), "first");
		FolderChannel channel = channel();
		channel.remove("999.x12");
		Files.writeString(inbound.resolve("999.x12"), "second");

		channel.remove("999.x12");

		assertThat(channel.listInbound()).isEmpty();
		assertThat(folder.resolve("archive/999.x12")).hasContent("first");
		assertThat(folder.resolve("archive/999.x12.1")).hasContent("second");
	}

	@Test
	void removeWithoutArchiveDeletesAndRemovingAgainDoesNothing() throws IOException {
		Path inbound = Files.createDirectories(folder.resolve("inbound"));
		Files.writeString(inbound.resolve("999.x12"), "ISA");
		FolderChannel channel = new FolderChannel(folder, new ChannelDirectories("outbound", "inbound", ""));

		channel.remove("999.x12");
		channel.remove("999.x12");

		assertThat(inbound.resolve("999.x12")).doesNotExist();
		assertThat(folder.resolve("archive")).doesNotExist();
	}

	@Test
	void aMissingFolderIsAFailureNotCreated() {
		Path unmounted = folder.resolve("share");
		FolderChannel channel = new FolderChannel(unmounted, ChannelDirectories.defaults());

		assertThatThrownBy(() -> channel.upload("837P.x12", INTERCHANGE)).isInstanceOf(IOException.class)
				.hasMessageContaining("does not exist").hasMessageContaining("mounted");
		assertThat(unmounted).doesNotExist();
	}

	@Test
	void describeNamesTheFolderAndDirectories() {
		assertThat(channel().describe()).startsWith("folder " + folder.toAbsolutePath())
				.contains("outbound=outbound", "inbound=inbound", "archive=archive");
	}

	@Test
	void inboundCannotBeTheOutboundDirectory() {
		assertThatThrownBy(() -> new ChannelDirectories("exchange/", "exchange", "archive"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same");
		assertThatThrownBy(() -> new ChannelDirectories("outbound", "inbound", "../archive"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("..");
	}
}

package org.openrcm.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

	private static CsvReader csv(String text) throws IOException {
		return new CsvReader(new StringReader(text), "test.csv");
	}

	@Test
	void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
		try (CsvReader reader = csv("code,text\n1,\"a, \"\"b\"\"\nc\"\r\n2,plain\n")) {
			CsvReader.Row first = reader.next();
			assertThat(first.get("code")).isEqualTo("1");
			assertThat(first.get("TEXT")).isEqualTo("a, \"b\"\nc");
			assertThat(first.lineNumber()).isEqualTo(2);
			CsvReader.Row second = reader.next();
			assertThat(second.get("text")).isEqualTo("plain");
			assertThat(second.lineNumber()).isEqualTo(4);
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void emptyFieldsAndShortRowsReadAsEmpty() throws IOException {
		try (CsvReader reader = csv("a,b,c\n1,,\n2\n\n")) {
			assertThat(reader.next().get("b")).isEmpty();
			CsvReader.Row shortRow = reader.next();
			assertThat(shortRow.get("a")).isEqualTo("2");
			assertThat(shortRow.get("c")).isEmpty();
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void stripsByteOrderMarkFromHeader() throws IOException {
		try (CsvReader reader = csv("\uFEFFcode,name\n11,Office\n")) {
			assertThat(reader.hasColumn("code")).isTrue();
			assertThat(reader.next().get("code")).isEqualTo("11");
		}
	}

	@Test
	void unclosedQuoteNamesFileAndLine() throws IOException {
		CsvReader reader = csv("a,b\n1,ok\n2,\"never closed\n");
		reader.next();
		assertThatThrownBy(reader::next)
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("test.csv:3: a quoted field is not closed before the end of the file");
	}

	@Test
	void missingColumnAndEmptyRequiredFieldAreReported() throws IOException {
		CsvReader reader = csv("code,name\n,Office\n");
		assertThatThrownBy(() -> reader.requireColumns("code", "description"))
				.hasMessageContaining("test.csv:1: column 'description' is missing");
		CsvReader.Row row = reader.next();
		assertThatThrownBy(() -> row.require("code"))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessage("test.csv:2: the required field 'code' is empty");
	}

	@Test
	void emptyFileIsAnError() {
		assertThatThrownBy(() -> csv(""))
				.isInstanceOf(CodeSetLoadException.class)
				.hasMessageContaining("header row was expected");
	}
}

package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirReaderTest {
    static void writeDataSet(Path dir, String corpus, String queries, String qrels) throws Exception {
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve(BeirReader.CORPUS_FILE), corpus, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(BeirReader.QUERIES_FILE), queries, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(BeirReader.QRELS_FILE), qrels, StandardCharsets.UTF_8);
    }

    @Test
    void readsCorpusQueriesAndTestQrels(@TempDir Path dir) throws Exception {
        writeDataSet(dir,
                "{\"_id\": \"10\", \"title\": \"Cats\", \"text\": \"Cats purr.\", \"metadata\": {}}\n"
                        + "{\"_id\": \"11\", \"text\": \"No title here.\"}\n\n",
                "{\"_id\": \"1\", \"text\": \"do cats purr\", \"metadata\": {}}\n{\"_id\": \"2\", \"text\": \"not judged\"}\n",
                "query-id\tcorpus-id\tscore\n1\t10\t2\n1\t11\t0\n");

        BeirDataset data = BeirReader.read(dir);

        assertEquals(List.of(new BeirDocument("10", "Cats", "Cats purr."), new BeirDocument("11", "", "No title here.")), data.corpus());
        assertEquals("Cats Cats purr.", data.corpus().get(0).titleAndText());
        assertEquals(List.of(new EvalQuery("1", "do cats purr")), data.testQueries());
        assertEquals(2, data.qrels().grade("1", "10"));
        assertEquals(1, data.qrels().relevantCount("1"));
        assertEquals(2, data.distinctDocumentCount());
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        writeDataSet(dir, "", "", "query-id\tcorpus-id\tscore\n1\t10\t1\n");
        Files.delete(dir.resolve(BeirReader.QRELS_FILE));

        EvalException e = assertThrows(EvalException.class, () -> BeirReader.read(dir));
        assertTrue(e.getMessage().contains("qrels/test.tsv is missing"), e.getMessage());
        EvalException noDir = assertThrows(EvalException.class, () -> BeirReader.read(dir.resolve("nowhere")));
        assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        writeDataSet(dir, "{\"_id\": \"1\", \"text\": \"ok\"}\n{not json\n", "", "query-id\tcorpus-id\tscore\n1\t1\t1\n");
        EvalException badJson = assertThrows(EvalException.class, () -> BeirReader.read(dir));
        assertTrue(badJson.getMessage().contains("corpus.jsonl line 2"), badJson.getMessage());

        writeDataSet(dir, "{\"text\": \"no id\"}\n", "", "query-id\tcorpus-id\tscore\n1\t1\t1\n");
        EvalException noId = assertThrows(EvalException.class, () -> BeirReader.read(dir));
        assertTrue(noId.getMessage().contains("line 1 has no '_id'"), noId.getMessage());

        writeDataSet(dir, "{\"_id\": \"1\", \"text\": \"ok\"}\n", "", "query-id\tcorpus-id\tscore\n1\t1\tvery\n");
        EvalException badGrade = assertThrows(EvalException.class, () -> BeirReader.read(dir));
        assertTrue(badGrade.getMessage().contains("test.tsv line 2"), badGrade.getMessage());
    }

    @Test
    void aJudgedQueryWithoutTextIsAnError(@TempDir Path dir) throws Exception {
        writeDataSet(dir, "{\"_id\": \"1\", \"text\": \"ok\"}\n", "{\"_id\": \"2\", \"text\": \"other\"}\n",
                "query-id\tcorpus-id\tscore\n1\t1\t1\n");

        EvalException e = assertThrows(EvalException.class, () -> BeirReader.read(dir).testQueries());
        assertTrue(e.getMessage().contains("query '1'"), e.getMessage());
    }
}

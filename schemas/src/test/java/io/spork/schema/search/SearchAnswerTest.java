package io.spork.schema.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.JsonSerde;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search answer's JSON: fields in the documented order, a part the mode lacks left out. */
class SearchAnswerTest {
    @Test
    void aHybridAnswerHasEveryPartInOrder() throws Exception {
        SearchAnswer answer = new SearchAnswer("heart", 1, 0, "hybrid", new SearchAnswer.Fusion("zscore", 0.4, null, 100),
                List.of(new QueryTerm("heart", 2540, 2f)), List.of(new SearchAnswer.Bm25Term("heart", 1, 2, 0.5f),
                new SearchAnswer.Bm25Term("zzz", 1, 0, null)), List.of(SearchHit.of("d1", 1.5)), new SearchAnswer.Partitions(4, 4), false, 6.1);
        assertEquals("{\"query\":\"heart\",\"k\":1,\"offset\":0,\"mode\":\"hybrid\","
                + "\"fusion\":{\"method\":\"zscore\",\"weight\":0.4,\"candidates\":100},"
                + "\"query_terms\":[{\"token\":\"heart\",\"id\":2540,\"weight\":2.0}],"
                + "\"bm25_terms\":[{\"term\":\"heart\",\"count\":1,\"document_frequency\":2,\"idf\":0.5},"
                + "{\"term\":\"zzz\",\"count\":1,\"document_frequency\":0}],"
                + "\"hits\":[{\"id\":\"d1\",\"score\":1.5}],\"partitions\":{\"answered\":4,\"total\":4},\"partial\":false,\"took_ms\":6.1}",
                JsonSerde.MAPPER.writeValueAsString(answer));
    }

    @Test
    void aSearchByRawTermsHasNoQueryFusionOrBm25Terms() throws Exception {
        SearchAnswer answer = new SearchAnswer(null, 10, 0, "splade", null, List.of(), null, List.of(), new SearchAnswer.Partitions(1, 2),
                true, 1);
        assertEquals("{\"k\":10,\"offset\":0,\"mode\":\"splade\",\"query_terms\":[],\"hits\":[],"
                + "\"partitions\":{\"answered\":1,\"total\":2},\"partial\":true,\"took_ms\":1.0}", JsonSerde.MAPPER.writeValueAsString(answer));
    }
}

package io.spork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One search hit as the API returns it. {@code explain} is present only when asked for: the
 * query terms the document shares, with both weights and their product, best first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HitView(String id, float score, String title, String snippet, List<TermContribution> explain) {
}

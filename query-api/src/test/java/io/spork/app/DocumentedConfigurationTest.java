package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.api.HttpSettings;
import io.spork.search.SearchDefaults;
import io.spork.topology.EngineSettingsTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config/spork.properties against every settings record the launcher reads, the engine's and the API's. */
class DocumentedConfigurationTest {
    @Test
    void everyKeyOfEveryAreaIsDocumentedWithAnAcceptedDefaultAndEveryDocumentedKeyIsRead() {
        List<String> prefixes = new ArrayList<>(EngineSettingsTest.STREAMS_APP_PREFIXES);
        prefixes.addAll(List.of("http.", "search."));
        List<String> problems = EngineSettingsTest.engineAreas()
                .area(HttpSettings.KEYS, HttpSettings::from)
                .area(SearchDefaults.KEYS, SearchDefaults::from)
                .everyDocumentedKeyRead(prefixes)
                .problems();
        assertEquals(List.of(), problems);
    }
}

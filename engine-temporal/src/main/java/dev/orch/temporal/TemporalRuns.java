package dev.orch.temporal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.List;

/** What a client reads about Orch runs on Temporal without asking a worker: the memo the workflow keeps current. */
public final class TemporalRuns {
    private static final java.lang.reflect.Type ASKED_LIST = new TypeReference<List<Asked>>() {}.getType();

    private TemporalRuns() {}

    /** The questions run {@code id} waits for (decision 10), as its memo says; empty when none or it has ended. */
    public static List<Asked> memoQuestions(WorkflowClient client, String id) {
        return questions(client.newUntypedWorkflowStub(id).describe());
    }

    static List<Asked> questions(WorkflowExecutionMetadata run) {
        List<Asked> asked = run.getMemo(Questions.MEMO, List.class, ASKED_LIST);
        return asked == null ? List.of() : asked;
    }
}

package dev.orch.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.orch.compiler.plan.Plan;
import dev.orch.compiler.plan.PlanJson;
import dev.orch.stdlib.value.Value;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a client does with Orch runs on Temporal: start one, read one's status and questions (from the memo the
 * workflow keeps current, so no worker need be alive), list them, and send an answer.
 */
public final class TemporalRuns {
    private static final Type ASKED_LIST = new TypeReference<List<Asked>>() {}.getType();
    static final String SCRIPT_MEMO = "script";

    private TemporalRuns() {}

    /** Starts {@code plan}'s main as workflow {@code runId} on the target's task queue; it runs once a worker takes it. */
    public static void start(TemporalConnection c, Plan plan, Map<String, Value> args, String runId, Set<String> allowed,
                             String script) {
        String json = PlanJson.write(plan);
        OrchWorkflow run = c.client().newWorkflowStub(OrchWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(c.target().taskQueue())
                .setWorkflowId(runId)
                .setMemo(Map.of(SCRIPT_MEMO, script))
                .build());
        WorkflowClient.start(run::run, new RunInput(json, PlanHash.of(json), "main", Wire.writeOptions(args), runId,
                List.copyOf(allowed)));
    }

    /** Run {@code id} as it stands, or why it cannot be read (no such run). */
    public static TemporalRun describe(TemporalConnection c, String id) throws TemporalUnavailable {
        try {
            return of(c.client().newUntypedWorkflowStub(id).describe());
        } catch (WorkflowNotFoundException e) {
            throw unknown(c, id);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) throw unknown(c, id);
            throw new TemporalUnavailable("cannot read run " + id + " on Temporal at " + c.target().where() + ": "
                    + TemporalConnection.reason(e));
        }
    }

    /**
     * The plan run {@code id} runs, from the input its latest workflow run was started with (the first event of its
     * history); null when it cannot be read. For a client that did not start the run and needs its models.
     */
    public static Plan plan(TemporalConnection c, String id) {
        try {
            GetWorkflowExecutionHistoryResponse history = c.service().blockingStub().getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(c.target().namespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).setMaximumPageSize(1).build());
            if (history.getHistory().getEventsCount() == 0) return null;
            var started = history.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes();
            RunInput input = c.client().getOptions().getDataConverter()
                    .fromPayloads(0, Optional.of(started.getInput()), RunInput.class, RunInput.class);
            return input == null ? null : PlanJson.read(input.plan());
        } catch (RuntimeException | JsonProcessingException e) {
            return null;
        }
    }

    /** The questions run {@code id} waits for (decision 10), as its memo says; empty when none or it has ended. */
    public static List<Asked> memoQuestions(WorkflowClient client, String id) {
        return questions(client.newUntypedWorkflowStub(id).describe());
    }

    /** Sends {@code text} as the answer to question {@code question} of run {@code id}. */
    public static void answer(TemporalConnection c, String id, String question, String text) {
        WorkflowStub run = c.client().newUntypedWorkflowStub(id);
        run.signal("answer", text, question);
    }

    /** The namespace's Orch runs, newest first, at most {@code limit} (0: all). */
    public static List<TemporalRun> list(TemporalConnection c, int limit) {
        var stub = c.service().blockingStub();
        String ns = c.target().namespace();
        StartTimeFilter always = StartTimeFilter.newBuilder().setEarliestTime(Timestamp.getDefaultInstance())
                .setLatestTime(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 3600)).build();
        WorkflowTypeFilter orch = WorkflowTypeFilter.newBuilder().setName("orch_run").build();
        List<WorkflowExecutionInfo> infos = new ArrayList<>();
        ByteString page = ByteString.EMPTY;
        do {
            ListOpenWorkflowExecutionsResponse r = stub.listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(ns).setStartTimeFilter(always).setTypeFilter(orch).setMaximumPageSize(1000)
                    .setNextPageToken(page).build());
            infos.addAll(r.getExecutionsList());
            page = r.getNextPageToken();
        } while (!page.isEmpty());
        do {
            ListClosedWorkflowExecutionsResponse r = stub.listClosedWorkflowExecutions(ListClosedWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(ns).setStartTimeFilter(always).setTypeFilter(orch).setMaximumPageSize(1000)
                    .setNextPageToken(page).build());
            infos.addAll(r.getExecutionsList());
            page = r.getNextPageToken();
        } while (!page.isEmpty());
        DataConverter converter = c.client().getOptions().getDataConverter();
        List<TemporalRun> runs = new ArrayList<>();
        for (WorkflowExecutionInfo i : infos) {
            TemporalRun run = of(new WorkflowExecutionMetadata(i, converter));
            // A listing need not carry the memo (the test server's does not): a running run's questions are read from it.
            if (run.running() && !i.hasMemo() || run.running() && i.getMemo().getFieldsCount() == 0) {
                run = of(c.client().newUntypedWorkflowStub(run.id()).describe());
            }
            runs.add(run);
        }
        runs.sort(Comparator.comparing(TemporalRun::started).thenComparing(TemporalRun::id).reversed());
        return limit > 0 && runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    static TemporalRun of(WorkflowExecutionMetadata m) {
        List<Asked> waiting = questions(m);
        String error = m.getWorkflowExecutionInfo().getMemo().getFieldsMap().containsKey(OrchWorkflowImpl.ENDED_MEMO)
                ? m.getMemo(OrchWorkflowImpl.ENDED_MEMO, String.class, String.class) : null;
        String status = switch (m.getStatus()) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> waiting.isEmpty() ? "running" : "waiting";
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> error == null || error.isEmpty() ? "succeeded" : "failed";
            case WORKFLOW_EXECUTION_STATUS_FAILED -> "failed";
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "terminated";
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> "cancelled";
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "timed out";
            default -> m.getStatus().name().toLowerCase(java.util.Locale.ROOT);
        };
        if (m.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) waiting = List.of();
        String queue = m.getWorkflowExecutionInfo().getTaskQueue();
        return new TemporalRun(m.getExecution().getWorkflowId(), status, m.getStartTime(),
                error == null || error.isEmpty() ? null : error, waiting, queue.isEmpty() ? null : queue);
    }

    static List<Asked> questions(WorkflowExecutionMetadata run) {
        Payload p = run.getWorkflowExecutionInfo().getMemo().getFieldsMap().get(Questions.MEMO);
        if (p == null) return List.of();
        List<Asked> asked = run.getMemo(Questions.MEMO, List.class, ASKED_LIST);
        return asked == null ? List.of() : asked;
    }

    private static TemporalUnavailable unknown(TemporalConnection c, String id) {
        return new TemporalUnavailable("no run " + id + " on Temporal at " + c.target().where()
                + "; `orch runs --engine temporal` lists them");
    }
}

package dev.orch.temporal;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Temporal's in-process test service refuses a workflow task that cancels an activity whose result reached it while
 * the task ran (`FAILED_PRECONDITION: ACTIVITY_UNKNOWN`, temporalio/sdk-java#2391, open), having already marked the
 * task completed: it never schedules another and the run waits forever. A real server accepts the cancel and records
 * the result after it. Orch cancels calls as they finish whenever a race is won, a `timeout` passes or a failing
 * branch stops its siblings, so runs on the test service hung now and then (all-constructs, in its `race`).
 *
 * <p>This interceptor on the test environment's client stubs checks a task that cancels activities before it goes
 * in: when one of them is no longer pending (its result came in), the task is sent back as failed instead, with the
 * cause a real server gives when events came in during a task (unhandled command). The service then records the
 * result and schedules a new task with the whole history, which the worker replays, now seeing the activity
 * finished, so it cancels it no more: the run goes on as if the result had come in just before the task. Results of
 * the run wait while such a task is checked and sent, so none comes in between. (An activity timing out on the
 * service's own timer in that moment is not covered: no test here has one.)
 */
final class FinishedActivityCancels implements ClientInterceptor {
    /** The gate's permits: a result takes one, a task that cancels activities takes them all. */
    private static final int ALL = 1 << 20;

    /** The run each workflow or activity task belongs to, by its token, from the polls that handed the task out. */
    private final Map<ByteString, WorkflowExecution> runOfTask = new ConcurrentHashMap<>();
    /** Each run's gate, fair so that a waiting task is not passed by result after result. */
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

    private FinishedActivityCancels() {
    }

    /** {@code options} with the interceptor added to the test service's client stubs. */
    static TestEnvironmentOptions withFix(TestEnvironmentOptions options) {
        WorkflowServiceStubsOptions stubs = options.getWorkflowServiceStubsOptions();
        WorkflowServiceStubsOptions.Builder builder = stubs == null ? WorkflowServiceStubsOptions.newBuilder()
                : WorkflowServiceStubsOptions.newBuilder(stubs);
        return TestEnvironmentOptions.newBuilder(options)
                .setWorkflowServiceStubsOptions(builder.addGrpcClientInterceptor(new FinishedActivityCancels()).build()).build();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String name = method.getFullMethodName();
        if (name.equals(WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod().getFullMethodName())
                || name.equals(WorkflowServiceGrpc.getPollActivityTaskQueueMethod().getFullMethodName())) {
            return new Polling<>(next.newCall(method, options));
        }
        if (name.equals(WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod().getFullMethodName())
                || name.equals(WorkflowServiceGrpc.getRespondActivityTaskFailedMethod().getFullMethodName())
                || name.equals(WorkflowServiceGrpc.getRespondActivityTaskCanceledMethod().getFullMethodName())) {
            return new ActivityResult<>(next.newCall(method, options));
        }
        if (name.equals(WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName())) {
            return new TaskCompletion<>(next.newCall(method, options), next, options.getExecutor());
        }
        return next.newCall(method, options);
    }

    private record Held(Semaphore gate, int permits) {}

    private void handedOut(Object response) {
        switch (response) {
            case PollWorkflowTaskQueueResponse r when !r.getTaskToken().isEmpty() && !r.hasQuery() ->
                    runOfTask.put(r.getTaskToken(), r.getWorkflowExecution());
            case PollActivityTaskQueueResponse r when !r.getTaskToken().isEmpty() -> runOfTask.put(r.getTaskToken(), r.getWorkflowExecution());
            case RespondWorkflowTaskCompletedResponse r -> {
                if (r.hasWorkflowTask()) handedOut(r.getWorkflowTask());
                r.getActivityTasksList().forEach(this::handedOut);
            }
            default -> { }
        }
    }

    /** A poll: the task it hands out is remembered with its run. */
    private final class Polling<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
        Polling(ClientCall<Q, R> call) {
            super(call);
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onMessage(R message) {
                    handedOut(message);
                    super.onMessage(message);
                }
            }, headers);
        }
    }

    /** A task's answer, through its run's gate until the service has taken it. */
    private abstract class Gated<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
        /** The task's run; null for a task this interceptor did not see handed out. */
        WorkflowExecution run;
        /** What this call holds of its run's gate, given back once, whether the call closes or is answered here. */
        private final AtomicReference<Held> held = new AtomicReference<>();
        /** Set when the call has closed: one that closed (its deadline passed) while it waited at the gate lets go at once. */
        private volatile boolean closed;

        Gated(ClientCall<Q, R> call) {
            super(call);
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed = true;
                    letGo();
                    super.onClose(status, trailers);
                }
            }, headers);
        }

        @Override
        public void sendMessage(Q message) {
            run = runOfTask.remove(token(message));
            int n = permits(message);
            if (run != null && n > 0) {
                Semaphore gate = gates.computeIfAbsent(run.getRunId(), id -> new Semaphore(ALL, true));
                gate.acquireUninterruptibly(n);
                held.set(new Held(gate, n));
                if (closed) letGo();
            }
            if (!answeredHere(message)) super.sendMessage(message);
        }

        abstract ByteString token(Q message);

        abstract int permits(Q message);

        /** Whether this call answered {@code message} itself instead of sending it on. */
        boolean answeredHere(Q message) {
            return false;
        }

        void letGo() {
            Held h = held.getAndSet(null);
            if (h != null) h.gate().release(h.permits());
        }
    }

    /** An activity's result. */
    private final class ActivityResult<Q, R> extends Gated<Q, R> {
        ActivityResult(ClientCall<Q, R> call) {
            super(call);
        }

        @Override
        ByteString token(Q message) {
            return switch (message) {
                case RespondActivityTaskCompletedRequest r -> r.getTaskToken();
                case RespondActivityTaskFailedRequest r -> r.getTaskToken();
                case RespondActivityTaskCanceledRequest r -> r.getTaskToken();
                default -> ByteString.EMPTY;
            };
        }

        @Override
        int permits(Q message) {
            return 1;
        }
    }

    /** A workflow task's completion: sent on, or, when it would cancel a finished activity, made the task's failure. */
    private final class TaskCompletion<Q, R> extends Gated<Q, R> {
        private final Channel next;
        private final Executor executor;
        private Listener<R> listener;
        private volatile boolean failedInstead;

        TaskCompletion(ClientCall<Q, R> call, Channel next, Executor executor) {
            super(call);
            this.next = next;
            this.executor = executor;
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
            this.listener = listener;
            super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onHeaders(Metadata headers) {
                    if (!failedInstead) super.onHeaders(headers);
                }

                @Override
                public void onMessage(R message) {
                    if (failedInstead) return;
                    handedOut(message); // the next workflow task or activity tasks, when the service hands them out eagerly
                    super.onMessage(message);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (!failedInstead) super.onClose(status, trailers);
                }
            }, headers);
        }

        @Override
        ByteString token(Q message) {
            return ((RespondWorkflowTaskCompletedRequest) message).getTaskToken();
        }

        @Override
        int permits(Q message) {
            return cancels(message).isEmpty() ? 0 : ALL;
        }

        private static Set<Long> cancels(Object message) {
            return ((RespondWorkflowTaskCompletedRequest) message).getCommandsList().stream()
                    .filter(c -> c.getCommandType() == CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
                    .map(c -> c.getRequestCancelActivityTaskCommandAttributes().getScheduledEventId()).collect(Collectors.toSet());
        }

        @Override
        boolean answeredHere(Q message) {
            var request = (RespondWorkflowTaskCompletedRequest) message;
            Set<Long> cancels = cancels(message);
            if (cancels.isEmpty() || run == null || !cancelsAFinishedActivity(request.getNamespace(), cancels)) return false;
            WorkflowServiceGrpc.newBlockingStub(next).respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest.newBuilder()
                    .setNamespace(request.getNamespace()).setTaskToken(request.getTaskToken()).setIdentity(request.getIdentity())
                    .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND)
                    .setFailure(Failure.newBuilder().setMessage("the task cancels an activity that finished while it ran"
                            + " (the test service would refuse it: temporalio/sdk-java#2391)"))
                    .build());
            failedInstead = true;
            letGo();
            delegate().cancel("failed instead by " + FinishedActivityCancels.class.getSimpleName(), null);
            // The worker takes the task as done; the new one comes with the whole history, so it replays from the start.
            @SuppressWarnings("unchecked")
            R done = (R) RespondWorkflowTaskCompletedResponse.getDefaultInstance();
            Runnable reply = () -> {
                listener.onMessage(done);
                listener.onClose(Status.OK, new Metadata());
            };
            if (executor != null) executor.execute(reply);
            else reply.run();
            return true;
        }

        /** Whether one of the activities scheduled at {@code scheduled} is no longer pending (its result came in). */
        private boolean cancelsAFinishedActivity(String namespace, Set<Long> scheduled) {
            var service = WorkflowServiceGrpc.newBlockingStub(next);
            Set<String> cancelled = new HashSet<>();
            ByteString page = ByteString.EMPTY;
            do {
                GetWorkflowExecutionHistoryResponse h = service.getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(namespace).setExecution(run).setNextPageToken(page).build());
                for (HistoryEvent e : h.getHistory().getEventsList()) {
                    if (scheduled.contains(e.getEventId())) cancelled.add(e.getActivityTaskScheduledEventAttributes().getActivityId());
                }
                page = h.getNextPageToken();
            } while (!page.isEmpty());
            Set<String> pending = service.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace).setExecution(run).build())
                    .getPendingActivitiesList().stream().map(PendingActivityInfo::getActivityId).collect(Collectors.toSet());
            return !pending.containsAll(cancelled);
        }

        @Override
        public void halfClose() {
            if (!failedInstead) super.halfClose();
        }

        @Override
        public void request(int n) {
            if (!failedInstead) super.request(n);
        }
    }
}

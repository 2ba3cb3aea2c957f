/*
 * DFA Lab start-up fix: modified copy of Channels.java from
 * io.github.padreati:rapaio-jupyter-kernel:3.0.1 (MIT License, Copyright (c) Aurelian Tutuianu;
 * see environment/kernel-fix/UPSTREAM-LICENSE). Same name and public API; it shadows the kernel's
 * own class on the class path.
 *
 * Changes against 3.0.1: the import of ZMQ names the package the shaded jar relocates jeromq to
 * (org.rapaio.org.zeromq, as in the jar's bytecode); and, in connect() and the handlers field: the message handlers are
 * built, and the kernel registered, BEFORE the sockets are bound and the channel threads started.
 * 3.0.1 bound first, so a kernel_info_request arriving at once (a Jupyter client queues it before
 * the kernel listens; it is delivered as soon as the shell socket is bound) could find
 * `handlers == null` -> NullPointerException, which ended the shell thread (a kernel that never
 * answers), or a half-filled HashMap read without synchronisation (request dropped). The map is
 * now complete and immutable before any channel thread exists (Thread.start() publishes it;
 * volatile for good measure).
 *
 * And: the request being handled (its id, the parent of every message sent for it, and the actions
 * to run after it) is kept per channel thread. 3.0.1 kept one id and one stack of actions for the
 * shell and control threads together, so a control request arriving while a cell ran (the
 * kernel_info_request jupyter_server sends on the control channel when a client connects, or an
 * interrupt) took over the cell's id: the cell's execute_reply and idle status went out as replies
 * to the control request, and the client never saw the cell end (JupyterLab's Run All left cells
 * without an execution count). Output from other threads (the cell's own code runs on JShell's
 * execution thread) belongs to the cell being run, as before.
 */
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ; // DFA Lab: the package jeromq is relocated to in the shaded jar

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;

    private volatile Map<MessageType<?>, MessageHandler> handlers = Collections.emptyMap();

    /** DFA Lab: a request a channel thread is handling. */
    private static final class Request {
        MessageType<?> type;
        MessageId<?> id;
        final Deque<Runnable> afterActions = new ArrayDeque<>();
    }

    /** DFA Lab: per channel thread (shell, control), the request it is handling. */
    private final ThreadLocal<Request> request = ThreadLocal.withInitial(Request::new);
    /** DFA Lab: the execute_request being run, the parent of output from threads that handle no request. */
    private volatile MessageId<?> cell;

    private boolean isConnected = false;
    private boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            // DFA Lab fix: kernel and handlers first, sockets and channel threads after.
            kernel.registerChannels(this);

            Map<MessageType<?>, MessageHandler> handlers = new HashMap<>();
            handlers.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            handlers.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            handlers.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            handlers.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            handlers.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            handlers.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            handlers.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            handlers.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            handlers.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            handlers.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            handlers.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            handlers.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            this.handlers = Collections.unmodifiableMap(handlers);

            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));

            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        request.get().type = type; // a channel thread asks for the handler of each request it reads
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    /** DFA Lab: the id of the request this thread handles, else of the cell being run. */
    private MessageId<?> msgId() {
        MessageId<?> own = request.get().id;
        return own != null ? own : cell;
    }

    public boolean hasMsgId() {
        return msgId() != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        Request r = request.get();
        r.id = msgId;
        if (MessageType.SHELL_EXECUTE_REQUEST.equals(r.type)) {
            cell = msgId;
        }
    }

    public void freeMsgId() {
        Request r = request.get();
        if (r.id != null && r.id == cell) {
            cell = null;
        }
        r.id = null;
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(msgId(), "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(msgId(), content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        shell.sendMessage(new Message<>(msgId(), content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        shell.sendMessage(new Message(msgId(), type, error));
    }

    public void scheduleAfter(Runnable action) {
        request.get().afterActions.push(action);
    }

    public void runAfterActions() {
        Deque<Runnable> actions = request.get().afterActions;
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}

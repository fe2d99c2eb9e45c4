package org.mlirlink.lsp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Runs the language server over standard input and output, the way editors start one.
 *
 * <pre>{@code
 * $ bin/mlir-link-lsp            # what an editor runs; it speaks LSP on stdin/stdout
 * $ java -jar linker-lsp/target/mlir-link-lsp.jar --stdio
 * }</pre>
 *
 * <p>Standard output is the protocol's alone: {@code System.out} is pointed at standard error
 * before anything else runs, so a print anywhere in the process lands in the log instead.
 */
public final class Main {
  private Main() {}

  /** Starts the server; returns (exits) when the editor sends {@code exit} or closes the stream. */
  public static void main(String[] args) throws InterruptedException {
    for (String arg : args) {
      switch (arg) {
        case "--stdio":
          // Some clients always pass it; standard input and output are the only transport anyway.
          break;
        case "-h":
        case "--help":
          System.out.println(
              "Usage: mlir-link-lsp [--stdio]\n"
                  + "A language server for MLIR components, speaking LSP on standard input and"
                  + " output.\nSee docs/editors.md for setting it up in an editor.");
          return;
        default:
          System.err.println("mlir-link-lsp: unknown argument: " + arg + " (try --help)");
          System.exit(2);
      }
    }
    // Unbuffered file streams: a write to them cannot be undone by interrupting a query thread
    // (an interruptible channel would close), and every message is flushed whole by LSP4J.
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    InputStream protocolIn = new FileInputStream(FileDescriptor.in);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));

    MlirLanguageServer server = new MlirLanguageServer();
    Launcher<LanguageClient> launcher =
        LSPLauncher.createServerLauncher(server, protocolIn, protocolOut);
    server.connect(launcher.getRemoteProxy());
    try {
      launcher.startListening().get();
    } catch (ExecutionException e) {
      Log.error("the connection failed", e.getCause());
    }
    // The input ended without an exit notification: the editor went away.
    System.exit(server.exitCode());
  }
}

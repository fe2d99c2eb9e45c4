package org.mlirlink.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.mlirlink.LinkResult;
import org.mlirlink.Linker;
import org.mlirlink.Source;
import org.mlirlink.diagnostic.Diagnostic;
import org.mlirlink.diagnostic.DiagnosticException;

// The example is one {@code} line per line of XML, each ended by <br>, not a <pre> block: the
// plugin descriptor, which the help goal prints, is plain text made from this comment, keeping a
// line break for <br> but none for the line breaks of a <pre> block.
/**
 * Links MLIR modules as {@code iree-link} does: completes a main module's external declarations
 * ({@code util.func private @moe_components.mul_mat_id(...)}) with definitions from other modules
 * and writes one module. A link none of whose inputs changed since the last build, and whose output
 * is there, is skipped.
 *
 * <p>For example, as an execution of the plugin in a POM:<br>
 * {@code <execution>}<br>
 * {@code <goals><goal>link</goal></goals>}<br>
 * {@code <configuration>}<br>
 * {@code <main>src/main/mlir/moe/moe_ffn_block.mlir</main>}<br>
 * {@code <libraryPaths><libraryPath>src/main/mlir</libraryPath></libraryPaths>}<br>
 * {@code </configuration>}<br>
 * {@code </execution>}
 */
@Mojo(name = "link", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class LinkMojo extends MlirLinkMojo {
  /** The module whose external declarations are completed (iree-link's INPUT). */
  @Parameter private File main;

  /** Modules to link from, searched in order (iree-link's {@code --link-module}). */
  @Parameter private List<File> linkModules;

  /**
   * Folders where {@code @prefix.name} is looked up: in {@code DIR/prefix.mlir}, then in any {@code
   * .mlir} file under the folder that declares {@code module @prefix}.
   */
  @Parameter private List<File> libraryPaths;

  /**
   * Where the linked module is written. By default it goes under {@code outputDirectory}, at the
   * main module's path relative to {@code sourceDirectory} ({@code
   * src/main/mlir/llm/toy/hparams.mlir} is linked to {@code target/mlir/llm/toy/hparams.mlir}), or
   * under its file name alone when the main module is elsewhere; a bundle is {@code bundle.mlir}.
   * No two executions of a build may write one file: the second fails the build.
   */
  @Parameter private File output;

  /**
   * The folder of default outputs; it is added to the project's resources (see {@code
   * addOutputToResources}).
   */
  @Parameter(defaultValue = "${project.build.directory}/mlir")
  private File outputDirectory;

  /**
   * The folder of the project's MLIR sources: a main module under it keeps its path under it in the
   * default output's name, so that mains of one name in two folders get two outputs.
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/mlir")
  private File sourceDirectory;

  /**
   * Adds {@code outputDirectory} to the project's resources, so that a jar packages the linked
   * modules at their paths under it ({@code llm/toy/hparams.mlir}), as it packages {@code
   * src/main/resources}. Outputs given elsewhere by {@code output} are not packaged.
   */
  @Parameter(property = "mlirlink.addOutputToResources", defaultValue = "true")
  private boolean addOutputToResources;

  /** Bundles every link module into one module instead of completing a main module. */
  @Parameter(defaultValue = "false")
  private boolean bundle;

  /** Also writes a Make rule, {@code OUTPUT: INPUT...}, naming every file the link read. */
  @Parameter private File depfile;

  /** Also writes the link map: each linked op's output name, source name, place and user. */
  @Parameter private File linkMap;

  /** Also writes the link map, the files read and any errors as JSON, also when it fails. */
  @Parameter private File jsonReport;

  /**
   * Several links in one execution, each a {@code <link>} with this goal's parameters ({@code
   * main}, {@code linkModules}, {@code libraryPaths}, {@code output}, {@code bundle}, {@code
   * depfile}, {@code linkMap}, {@code jsonReport}):<br>
   * {@code <links>}<br>
   * {@code <link><main>src/main/mlir/llm/toy/hparams.mlir</main></link>}<br>
   * {@code <link><main>src/main/mlir/llm/mixtral/hparams.mlir</main></link>}<br>
   * {@code </links>}
   */
  @Parameter private List<Link> links;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  private File buildDirectory;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution execution;

  /** The project's paths, while the goal runs. */
  private ProjectPaths paths;

  @Override
  void run(ProjectPaths paths) throws MojoExecutionException, MojoFailureException {
    this.paths = paths;
    List<Link> all = new ArrayList<>();
    if (main != null || bundle) {
      all.add(
          Link.of(main, linkModules, libraryPaths, output, bundle, depfile, linkMap, jsonReport));
    }
    if (links != null) {
      all.addAll(links);
    }
    if (all.isEmpty()) {
      throw new MojoExecutionException(
          "mlir-link: nothing to link: give <main> (or <bundle>true</bundle>) or <links>");
    }
    checkOutputs(all);
    claimOutputs(all);
    addOutputToResources(all);
    int errors = 0;
    List<String> failed = new ArrayList<>();
    for (Link link : all) {
      int linkErrors = link(link);
      if (linkErrors > 0) {
        errors += linkErrors;
        failed.add(link.main == null ? String.valueOf(output(link)) : link.main.getName());
      }
    }
    if (errors > 0) {
      throw new MojoFailureException(
          "mlir-link: "
              + MavenDiagnostics.count(errors, "error")
              + " linking "
              + String.join(", ", failed));
    }
  }

  /** Runs one link unless it is up to date; returns its number of errors. */
  private int link(Link link) throws MojoExecutionException {
    if (!link.bundle && link.main == null) {
      throw new MojoExecutionException("mlir-link: a <link> needs <main> or <bundle>true</bundle>");
    }
    if (link.bundle && link.main != null) {
      throw new MojoExecutionException(
          "mlir-link: a bundle takes no <main>: it bundles its <linkModules>");
    }
    long start = System.nanoTime();
    Path out = output(link);
    Path stateFile = stateFile(out);
    List<Path> libraries = paths.absolute(link.libraryPaths);
    List<Path> named = new ArrayList<>(paths.absolute(link.linkModules));
    if (link.main != null) {
      named.add(0, paths.absolute(link.main));
    }
    try {
      // Taken before the link reads anything: a file edited while it links is then seen as
      // changed by the next build, never recorded as linked.
      LinkState before = LinkState.before(settings(link, out), libraries, named);
      if (Files.isRegularFile(out) && reportsExist(link) && before.matches(stateFile)) {
        getLog()
            .info(
                "mlir-link: "
                    + paths.shown(out)
                    + " is up to date ("
                    + MavenDiagnostics.count(LinkState.inputCount(stateFile), "input")
                    + " unchanged), link skipped ("
                    + (System.nanoTime() - start) / 1_000_000
                    + " ms)");
        return 0;
      }
      Files.deleteIfExists(stateFile); // a link that fails or stops half way is run again
      Linker.Builder builder = Linker.builder().bundle(link.bundle);
      if (link.main != null) {
        builder.main(Source.of(paths.absolute(link.main)));
      }
      for (Path module : paths.absolute(link.linkModules)) {
        builder.linkModule(Source.of(module));
      }
      libraries.forEach(builder::libraryPath);
      LinkResult result = builder.build().link();
      List<Diagnostic> errors = new ArrayList<>(result.diagnostics());
      if (result.succeeded()) {
        try {
          writeOutput(out, result);
        } catch (DiagnosticException e) {
          errors.add(e.diagnostic()); // an input changed while it was copied to the output
        }
      }
      if (!errors.isEmpty()) {
        // No output of an earlier build may pass for this one's.
        Files.deleteIfExists(out);
        deleteIfGiven(link.depfile);
        deleteIfGiven(link.linkMap);
        if (link.jsonReport != null) {
          write(paths.absolute(link.jsonReport), result.report().json(null));
        }
        return MavenDiagnostics.log(getLog(), errors);
      }
      if (link.jsonReport != null) {
        write(paths.absolute(link.jsonReport), result.report().json(out.toString()));
      }
      if (link.depfile != null) {
        write(paths.absolute(link.depfile), result.report().makeDependencies(out.toString()));
      }
      if (link.linkMap != null) {
        write(paths.absolute(link.linkMap), result.report().linkMap());
      }
      List<Path> read = new ArrayList<>();
      for (String input : result.report().inputs()) {
        read.add(Path.of(input).toAbsolutePath().normalize());
      }
      Files.createDirectories(stateFile.getParent());
      Files.writeString(stateFile, before.read(read).text(), StandardCharsets.UTF_8);
      getLog()
          .info(
              "mlir-link: linked "
                  + paths.shown(out)
                  + " from "
                  + MavenDiagnostics.count(read.size(), "input"));
      return 0;
    } catch (IOException e) {
      throw new MojoExecutionException("mlir-link: " + reason(e) + ": " + pathOf(e), e);
    }
  }

  private void deleteIfGiven(File report) throws IOException {
    if (report != null) {
      Files.deleteIfExists(paths.absolute(report));
    }
  }

  /**
   * Why a file operation failed, without the file name the exception's message repeats (the message
   * names the file itself).
   */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** The file an I/O error is about, as its message leaves it out. */
  private static String pathOf(IOException e) {
    return e instanceof java.nio.file.FileSystemException f && f.getFile() != null
        ? f.getFile()
        : String.valueOf(e.getMessage());
  }

  /**
   * Two links writing one file would each undo the other, and an output under a library path would
   * be read by the next link as a library file: both are configuration errors.
   */
  private void checkOutputs(List<Link> all) throws MojoExecutionException {
    Map<Path, Link> byOutput = new HashMap<>();
    for (Link link : all) {
      Path out = output(link);
      if (byOutput.put(out, link) != null) {
        throw new MojoExecutionException(
            "mlir-link: two links write " + out + ": give one of them another <output>");
      }
      List<Path> inputs = new ArrayList<>(paths.absolute(link.linkModules));
      if (link.main != null) {
        inputs.add(paths.absolute(link.main));
      }
      if (inputs.contains(out)) {
        throw new MojoExecutionException(
            "mlir-link: the output " + out + " is one of the link's inputs: give another <output>");
      }
      for (Path library : paths.absolute(link.libraryPaths)) {
        if (out.startsWith(library)) {
          throw new MojoExecutionException(
              "mlir-link: the output "
                  + out
                  + " is under the library path "
                  + library
                  + ", where the next link would read it as a library file: give another"
                  + " <output>, or a library path that does not hold the build's outputs");
        }
      }
    }
  }

  /** Claims every file the links write for this execution, over the whole build. */
  private void claimOutputs(List<Link> all) throws MojoExecutionException {
    OutputClaims claims = OutputClaims.of(session);
    String claimant =
        "execution '"
            + execution.getExecutionId()
            + "' of "
            + project.getGroupId()
            + ":"
            + project.getArtifactId();
    for (Link link : all) {
      claims.claim(output(link), "<output>", claimant);
      claimIfGiven(claims, link.depfile, "<depfile>", claimant);
      claimIfGiven(claims, link.linkMap, "<linkMap>", claimant);
      claimIfGiven(claims, link.jsonReport, "<jsonReport>", claimant);
    }
  }

  private void claimIfGiven(OutputClaims claims, File report, String parameter, String claimant)
      throws MojoExecutionException {
    if (report != null) {
      claims.claim(paths.absolute(report), parameter, claimant);
    }
  }

  /**
   * Makes {@code outputDirectory} a resource folder of the project when an output goes there, once
   * however many executions write there, so that the resources phase copies the linked modules to
   * the classes a jar packages.
   */
  private void addOutputToResources(List<Link> all) {
    if (!addOutputToResources) {
      return;
    }
    Path folder = paths.absolute(outputDirectory);
    if (all.stream().noneMatch(link -> output(link).startsWith(folder))) {
      return;
    }
    for (Resource resource : project.getResources()) {
      if (folder.equals(paths.absolute(new File(resource.getDirectory())))) {
        return;
      }
    }
    Resource resource = new Resource();
    resource.setDirectory(folder.toString());
    project.addResource(resource);
  }

  private Path output(Link link) {
    if (link.output != null) {
      return paths.absolute(link.output);
    }
    Path folder = paths.absolute(outputDirectory);
    if (link.main == null) {
      return folder.resolve("bundle.mlir");
    }
    Path main = paths.absolute(link.main);
    Path sources = paths.absolute(sourceDirectory);
    Path name =
        main.startsWith(sources) && !main.equals(sources)
            ? sources.relativize(main)
            : main.getFileName();
    return folder.resolve(name).normalize();
  }

  /** Where a link's state is kept: one file per output, under the build directory. */
  private Path stateFile(Path out) {
    // Percent-encoded, so that no two outputs share a state file ("a b" and "a_b" would).
    String key = URLEncoder.encode(paths.shown(out).toString(), StandardCharsets.UTF_8);
    return buildDirectory.toPath().resolve("mlir-link-state").resolve(key + ".state");
  }

  /** Everything a link's result depends on besides the files it reads, one setting a line. */
  private List<String> settings(Link link, Path out) {
    return List.of(
        "main " + (link.main == null ? "" : paths.absolute(link.main)),
        "modules " + paths.absolute(link.linkModules),
        "libraries " + paths.absolute(link.libraryPaths),
        "bundle " + link.bundle,
        "output " + out,
        "depfile " + (link.depfile == null ? "" : paths.absolute(link.depfile)),
        "linkMap " + (link.linkMap == null ? "" : paths.absolute(link.linkMap)),
        "jsonReport " + (link.jsonReport == null ? "" : paths.absolute(link.jsonReport)),
        "linker " + LinkMojo.class.getPackage().getImplementationVersion());
  }

  private boolean reportsExist(Link link) {
    for (File report : new File[] {link.depfile, link.linkMap, link.jsonReport}) {
      if (report != null && !Files.isRegularFile(paths.absolute(report))) {
        return false;
      }
    }
    return true;
  }

  /** Writes the linked module under a temporary name and moves it into place when complete. */
  private static void writeOutput(Path out, LinkResult result) throws IOException {
    Path temporary = temporaryBeside(out);
    try {
      try (OutputStream stream = Files.newOutputStream(temporary)) {
        result.writeTo(stream);
      }
      Files.move(
          temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Path temporary = temporaryBeside(file);
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * A new, empty file beside {@code file}, for writing it under another name. Made by {@code
   * createFile}, not {@code createTempFile}, so that it gets the mode the umask gives new files
   * (usually 0644), as the output it becomes should.
   */
  private static Path temporaryBeside(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path temporary =
          folder.resolve("." + file.getFileName() + "." + pid + "." + attempt + ".tmp");
      try {
        return Files.createFile(temporary);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        // another link of this build, or a leftover: try the next name
      }
    }
  }
}

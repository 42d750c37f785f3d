"""hsarchive on Apache Spark: `partial` on groups of archive files across the executors, `merge` on
the driver. The report folder is byte for byte what `hsarchive report` over the same files writes
on one machine (contrib/spark/README.md).

    spark-submit --files hsarchive,secret.txt contrib/spark/hsarchive_spark.py \
        --secret-file secret.txt --out Reports [--groups N] ARCHIVE_PATH... [-- MERGE_OPTION...]

ARCHIVE_PATH is a file or a folder on any file system Spark reads (file:, hdfs:, s3a: ...); folders
are searched for *.jsonl, *.ndjson, *.jsonl.gz and *.ndjson.gz as hsarchive does, in byte-wise
sorted order. The files are split into --groups consecutive groups (default: twice the default
parallelism), each read by one `hsarchive partial` on an executor; the driver merges the partials in
the files' order and writes the report folder with `hsarchive merge`, given every MERGE_OPTION
(--time-zone, --office-hours, --since, --until, --strict ...). The job exits with merge's status.
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def parse_arguments(argv):
    if "--" in argv:
        split = argv.index("--")
        argv, merge_options = argv[:split], argv[split + 1:]
    else:
        merge_options = []
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", nargs="+", help="archive files or folders, on any file system Spark reads")
    parser.add_argument("--secret-file", required=True,
                        help="the webhook secret file's name as shipped with --files (or a path every executor can read)")
    parser.add_argument("--binary", default="hsarchive",
                        help="hsarchive's name as shipped with --files (or a path every executor can run)")
    parser.add_argument("--out", required=True, help="the report folder, on the driver")
    parser.add_argument("--groups", type=int, default=0, help="groups of files, each one partial (default: 2 x parallelism)")
    parser.add_argument("--keep-partials", help="a new or empty folder on the driver to keep the partials in")
    arguments = parser.parse_args(argv)
    if arguments.groups < 0:
        parser.error("--groups takes a count of groups (0: twice the default parallelism)")
    arguments.merge_options = merge_options
    return arguments


class Refusal(Exception):
    """Why the job does not start: what it would read is not what `hsarchive report` would."""


def list_archives(spark, paths):
    """Every archive under `paths`, as (name, uri): the name is the path as given, joined with the
    file's place under it, which is what `hsarchive report` given the same paths names it.

    A path that does not exist, or a folder without archives, is an input `report` could not read
    (it reports it and exits 2): the job refuses to start instead, naming it. So do names that
    Spark's `binaryFiles` would misread (a comma separates paths there; `{}[]*?\\` are patterns).
    A file listed twice is kept once, at its first place, with a warning, as `report` does."""
    jvm = spark.sparkContext._jvm
    configuration = spark.sparkContext._jsc.hadoopConfiguration()
    found = []
    for given in paths:
        path = jvm.org.apache.hadoop.fs.Path(given)
        system = path.getFileSystem(configuration)
        if not system.exists(path):
            raise Refusal("%s does not exist" % given)
        status = system.getFileStatus(path)
        if not status.isDirectory():
            found.append((given, status.getPath().toString()))
            continue
        root = status.getPath().toString().rstrip("/")
        files = []
        iterator = system.listFiles(path, True)
        while iterator.hasNext():
            uri = iterator.next().getPath().toString()
            if uri.endswith(SUFFIXES):
                files.append(uri)
        # Byte-wise order of the paths, as hsarchive sorts a folder's archives.
        if not files:
            raise Refusal("%s holds no archive (*.jsonl, *.ndjson, *.jsonl.gz, *.ndjson.gz)" % given)
        for uri in sorted(files, key=lambda name: name.encode()):
            found.append((given.rstrip("/") + uri[len(root):], uri))
    seen = {}
    once = []
    for name, uri in found:
        if canonical(uri) in seen:
            # As report does: read once, as the first name (its lines would be counted twice).
            print("hsarchive_spark: warning: %s is the same file as %s (named twice, or a folder and a file in it): "
                  "it is read once, as %s" % (name, seen[canonical(uri)], seen[canonical(uri)]), file=sys.stderr)
            continue
        seen[canonical(uri)] = name
        once.append((name, uri))
        if any(character in uri for character in ",{}[]*?\\"):
            raise Refusal("%s has a character Spark's binaryFiles reads as a separator or pattern" % uri)
        if os.path.basename(uri).startswith(("_", ".")):
            raise Refusal("%s starts with _ or ., which Spark's binaryFiles takes for a hidden file and does "
                          "not read" % name)
    return once


def canonical(uri):
    """One spelling of a local file's URI: Hadoop lists `file:/x`, binaryFiles may key `file:///x`."""
    return "file:/" + uri[len("file:///"):] if uri.startswith("file:///") else uri


def resolve(name):
    """A file shipped with --files, else the path as given, else a program on PATH."""
    from pyspark import SparkFiles
    shipped = SparkFiles.get(os.path.basename(name))
    if os.path.exists(shipped):
        return shipped
    return name if os.path.exists(name) else (shutil.which(name) or name)


def make_partial(binary, secret_file):
    """The function each executor runs on its group: the files' bytes written to a folder of its
    own, `hsarchive partial` over them, recording the names the job was given; the partial's bytes."""
    def run(entries):
        entries = sorted(entries)
        if not entries:
            return
        group = entries[0][0]
        executable = resolve(binary)
        if not os.access(executable, os.X_OK):
            os.chmod(executable, os.stat(executable).st_mode | stat.S_IXUSR)
        folder = tempfile.mkdtemp(prefix="hsarchive-group-")
        try:
            # --even-if-unverified: a group may hold nothing but forged lines; whether any signature
            # matched at all is merge's to say, over every group, as report would over every file.
            command = [executable, "partial", "--quiet", "--even-if-unverified", "--secret-file", resolve(secret_file),
                       "--out", os.path.join(folder, "group.partial")]
            for _, (index, name, contents) in entries:
                # The suffix tells hsarchive nothing (gzip is detected by content); it keeps the
                # name readable in a message.
                local = os.path.join(folder, "%08d-%s" % (index, os.path.basename(name)))
                with open(local, "wb") as file:
                    file.write(contents)
                command += ["--recorded-as", name]
            command += ["--"] + [os.path.join(folder, "%08d-%s" % (index, os.path.basename(name)))
                                 for _, (index, name, _) in entries]
            finished = subprocess.run(command, capture_output=True, text=True)
            partial = os.path.join(folder, "group.partial")
            # 1 or 2 with a partial: no signature matched in this group, or an archive could not be
            # read to its end; the partial records it and merge says so as report would. Any other
            # failure stops the job.
            if finished.returncode not in (0, 1, 2) or not os.path.exists(partial):
                raise RuntimeError("hsarchive partial failed on group %d (exit %d): %s" % (
                    group, finished.returncode, finished.stderr.strip()))
            with open(partial, "rb") as file:
                yield group, file.read(), finished.stderr, len(entries)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return run


def main(argv):
    from pyspark.sql import SparkSession
    arguments = parse_arguments(argv)
    if arguments.keep_partials and os.path.isdir(arguments.keep_partials) and os.listdir(arguments.keep_partials):
        print("hsarchive_spark: --keep-partials %s is not empty: name a new or empty folder" % arguments.keep_partials,
              file=sys.stderr)
        return 2
    spark = SparkSession.builder.appName("hsarchive").getOrCreate()
    context = spark.sparkContext
    try:
        archives = list_archives(spark, arguments.archives)
    except Refusal as refusal:
        print("hsarchive_spark: %s; nothing was read" % refusal, file=sys.stderr)
        spark.stop()
        return 2
    groups = min(len(archives), arguments.groups or 2 * context.defaultParallelism)
    # Consecutive groups of about equal count: a group's partial covers its files in order, and the
    # partials are merged in group order, so the files keep the order report would read them in.
    # Each file is listed once (list_archives keeps a file listed twice at its first place).
    places = {canonical(uri): (index * groups // len(archives), index, name)
              for index, (name, uri) in enumerate(archives)}
    contents = context.binaryFiles(",".join(sorted(places)), minPartitions=groups)
    def by_group(item):
        group, index, name = places[canonical(item[0])]
        return group, (index, name, item[1])
    keyed = contents.map(by_group)
    partials = keyed.partitionBy(groups, lambda group: group).mapPartitions(
        make_partial(arguments.binary, arguments.secret_file)).collect()
    expected = [0] * groups
    for group, _, _ in places.values():
        expected[group] += 1
    read = [0] * groups
    for group, _, _, count in partials:
        read[group] += count
    if read != expected:
        print("hsarchive_spark: Spark read %d of the %d files listed (binaryFiles leaves out names that start "
              "with _ or .); nothing was written" % (sum(read), sum(expected)), file=sys.stderr)
        spark.stop()
        return 2
    folder = arguments.keep_partials or tempfile.mkdtemp(prefix="hsarchive-partials-")
    os.makedirs(folder, exist_ok=True)
    try:
        paths = []
        for group, data, messages, _ in sorted(partials, key=lambda partial: partial[0]):
            if messages.strip():
                sys.stderr.write(messages)
            path = os.path.join(folder, "group-%05d.partial" % group)
            with open(path, "wb") as file:
                file.write(data)
            paths.append(path)
        binary = arguments.binary if os.path.exists(arguments.binary) else resolve(arguments.binary)
        status = subprocess.run([binary, "merge"] + paths + ["--out", arguments.out] + arguments.merge_options).returncode
        # A merge ended by a signal exits as a shell reports it: 128 + the signal.
        return 128 - status if status < 0 else status
    finally:
        if not arguments.keep_partials:
            shutil.rmtree(folder, ignore_errors=True)
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

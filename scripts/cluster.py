#!/usr/bin/env python3
"""`make cluster` / `make cluster-down`: a throwaway PostgreSQL, N instances on free loopback ports
and nginx in front, all on this machine, described in .cluster/cluster.json.

    scripts/cluster.py up [--instances N] [--port P] [--binary PATH]
    scripts/cluster.py down
    scripts/cluster.py kill INSTANCE_ID      # kill -9 one instance (what the cluster tests do)
    scripts/cluster.py start INSTANCE_ID     # start a killed instance again on its port

CLUSTER_STATE names another folder than .cluster (the e2e suite runs its own cluster beside yours).
Only the standard library: the tests import it too."""
import argparse, base64, json, os, secrets, shutil, signal, socket, subprocess, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("CLUSTER_STATE") or ROOT / ".cluster").resolve()
DESCRIPTION = STATE / "cluster.json"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_pg_bin():
    for name in ("initdb", "pg_ctl"):
        if not shutil.which(name):
            break
    else:
        return Path(shutil.which("initdb")).parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin")):
        if (candidate / "initdb").exists():
            return candidate
    print("== installing PostgreSQL from Debian", flush=True)
    subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null",
                   shell=True, check=True)
    return find_pg_bin()


def find_nginx():
    for path in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if path and Path(path).exists():
            return path
    print("== installing nginx from Debian", flush=True)
    subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null",
                   shell=True, check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def as_postgres(command):
    """PostgreSQL refuses to run as root: run it as the postgres account then."""
    if os.geteuid() != 0:
        return command
    if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], check=True)
    return ["runuser", "-u", "postgres", "--"] + command


def wait_for_health(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as answer:
                if answer.status == 200:
                    return json.load(answer)
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"cluster: {url} did not answer /api/health within {seconds} s")


def start_postgres():
    pg_bin = find_pg_bin()
    as_postgres([])  # makes the postgres account when running as root
    # In /tmp: the postgres account may not be able to reach the repository's folder.
    data = Path(tempfile.mkdtemp(prefix="transcendence-cluster-pg."))
    data.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run(as_postgres([str(pg_bin / "initdb"), "-D", str(data / "data"), "-U", "postgres", "-A", "trust", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    subprocess.run(as_postgres([str(pg_bin / "pg_ctl"), "-D", str(data / "data"), "-l", str(data / "server.log"), "-w", "-o",
                                f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=300", "start"]),
                   check=True, stdout=subprocess.DEVNULL)
    url = f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    pid = int((data / "data" / "postmaster.pid").read_text().split()[0])
    return {"url": url, "pid": pid, "bin": str(pg_bin), "data": str(data / "data"), "folder": str(data)}


def instance_environment(instance, cluster):
    env = dict(os.environ)
    env.update({
        "HOST": "127.0.0.1", "PORT": str(instance["port"]), "INSTANCE_ID": instance["id"],
        "DATABASE_URL": cluster["postgres"]["url"], "DATA_DIR": str(STATE / instance["id"]),
        "AVATAR_DIR": str(STATE / "avatars"), "SECRET_KEY": cluster["secretKey"], "TRUSTED_PROXIES": "127.0.0.1",
        "PUBLIC_URL": cluster["url"], "LOG_FORMAT": "json", "SOCKETS_PER_ADDRESS": "100000",
        "SIGNUPS_PER_ADDRESS": "100000", "MAIL_TRANSPORT": "file", "MAIL_DIR": str(STATE / "mail"),
    })
    env.update(cluster.get("extraEnvironment", {}))
    return env


def start_instance(instance, cluster):
    log = open(STATE / f"{instance['id']}.log", "ab")
    process = subprocess.Popen([cluster["binary"], "serve", "--env", "production"], cwd=ROOT, env=instance_environment(instance, cluster),
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    instance["pid"] = process.pid
    return instance


def start_nginx(cluster, port):
    prefix = STATE / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    upstreams = "\n".join(f"        server 127.0.0.1:{i['port']} max_fails=1 fail_timeout=5s;" for i in cluster["instances"])
    template = (ROOT / "deploy" / "nginx" / "cluster.conf.template").read_text()
    conf = (template.replace("{{PREFIX}}", str(prefix)).replace("{{PORT}}", str(port)).replace("{{UPSTREAMS}}", upstreams)
            .replace("{{USER_LINE}}", "user root;" if os.geteuid() == 0 else ""))
    (prefix / "nginx.conf").write_text(conf)
    nginx = find_nginx()
    subprocess.run([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")], check=True)
    deadline = time.time() + 10
    while not (prefix / "nginx.pid").exists() and time.time() < deadline:
        time.sleep(0.05)
    return {"pid": int((prefix / "nginx.pid").read_text().strip()), "conf": str(prefix / "nginx.conf")}


def write(cluster):
    DESCRIPTION.write_text(json.dumps(cluster, indent=2) + "\n")


def read():
    if not DESCRIPTION.exists():
        raise SystemExit("cluster: nothing is running (no .cluster/cluster.json)")
    return json.loads(DESCRIPTION.read_text())


def up(args):
    if DESCRIPTION.exists():
        raise SystemExit("cluster: one is already running (.cluster/cluster.json): make cluster-down first")
    binary = args.binary or str(ROOT / ".build" / "debug" / "transcendence")
    if not Path(binary).exists():
        raise SystemExit(f"cluster: no server binary at {binary}: run swift build first")
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir()
    cluster = {"url": f"http://127.0.0.1:{args.port}", "binary": binary, "instances": [],
               "secretKey": base64.b64encode(secrets.token_bytes(32)).decode(), "extraEnvironment": {}}
    for pair in args.env or []:
        name, _, value = pair.partition("=")
        cluster["extraEnvironment"][name] = value
    try:
        cluster["postgres"] = start_postgres()
        write(cluster)
        # The first instance migrates the database; the others start once it answers.
        for index in range(1, args.instances + 1):
            instance = start_instance({"id": f"i{index}", "port": free_port()}, cluster)
            instance["url"] = f"http://127.0.0.1:{instance['port']}"
            cluster["instances"].append(instance)
            write(cluster)
            if index == 1:
                wait_for_health(instance["url"])
        for instance in cluster["instances"]:
            wait_for_health(instance["url"])
        cluster["nginx"] = start_nginx(cluster, args.port)
        write(cluster)
        wait_for_health(cluster["url"])
    except BaseException:
        down(None)
        raise
    print(f"Transcendence cluster: {cluster['url']} ({len(cluster['instances'])} instances on PostgreSQL, behind nginx)")
    print(f"  described in {DESCRIPTION}; stop it with: make cluster-down")


def stop_pid(pid, sig=signal.SIGTERM, seconds=15):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def down(_args):
    if not DESCRIPTION.exists():
        print("cluster: nothing to stop")
        return
    cluster = json.loads(DESCRIPTION.read_text())
    if "nginx" in cluster:
        stop_pid(cluster["nginx"]["pid"], signal.SIGQUIT)
    for instance in cluster.get("instances", []):
        stop_pid(instance["pid"])
    if "postgres" in cluster:
        postgres = cluster["postgres"]
        subprocess.run(as_postgres([str(Path(postgres["bin"]) / "pg_ctl"), "-D", postgres["data"], "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stop_pid(postgres["pid"], signal.SIGKILL, seconds=5)
        shutil.rmtree(postgres.get("folder", ""), ignore_errors=True)
    shutil.rmtree(STATE, ignore_errors=True)
    print("cluster: stopped")


def kill(args):
    cluster = read()
    instance = next(i for i in cluster["instances"] if i["id"] == args.instance)
    os.kill(instance["pid"], signal.SIGKILL)
    print(f"cluster: killed {instance['id']} (pid {instance['pid']})")


def start(args):
    cluster = read()
    instance = next(i for i in cluster["instances"] if i["id"] == args.instance)
    start_instance(instance, cluster)
    write(cluster)
    wait_for_health(instance["url"])
    print(f"cluster: {instance['id']} is back on {instance['url']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    up_parser = commands.add_parser("up")
    up_parser.add_argument("--instances", type=int, default=int(os.environ.get("CLUSTER_INSTANCES", "3")))
    up_parser.add_argument("--port", type=int, default=int(os.environ.get("CLUSTER_PORT", "8088")))
    up_parser.add_argument("--binary")
    up_parser.add_argument("--env", action="append", help="NAME=value for every instance")
    commands.add_parser("down")
    for name in ("kill", "start"):
        sub = commands.add_parser(name)
        sub.add_argument("instance")
    args = parser.parse_args()
    if getattr(args, "instances", 1) < 1:
        raise SystemExit("cluster: CLUSTER_INSTANCES must be at least 1")
    {"up": up, "down": down, "kill": kill, "start": start}[args.command](args)


if __name__ == "__main__":
    main()

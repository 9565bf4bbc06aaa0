"""Starts and stops `corridor serve` for the journeys, optionally with the clock moved forward
(libfaketime's `faketime`), on one data folder that persists across restarts."""
import os
import ssl
import subprocess
import time
import urllib.request


FAKETIME_LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"


class Server:
    def __init__(self, binary, data, port, log):
        self.binary, self.data, self.port, self.log = binary, data, port, log
        self.process = None
        self.base = f"https://127.0.0.1:{port}"
        self.environment_extra = {}

    def environment(self):
        env = dict(os.environ)
        env.update({
            "CORRIDOR_DATABASE_DATA_DIR": self.data, "CORRIDOR_VOUCHERS_NOTICE_DAYS": "0",
            "CORRIDOR_AUTH_BCRYPT_COST": "4", "CORRIDOR_LOG_LEVEL": "warning",
            # Load from one address in a test: the per-token and per-address rate limits are off.
            "CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_TOKEN": "0", "CORRIDOR_LIMITS_REQUESTS_PER_MINUTE_PER_ADDRESS": "0",
            # Administrators sign in without one-time passwords here (security.requireTOTPForStaff);
            # journey_account turns TOTP on as a person would.
            "CORRIDOR_SECURITY_REQUIRE_TOTPFOR_STAFF": "false",
        })
        env.update(self.environment_extra)
        return env

    def start(self, days_ahead=0):
        command = [self.binary, "serve"]
        env = self.environment()
        # The port goes in the environment: under libfaketime the arguments were seen to go missing.
        env["CORRIDOR_HTTP_PORT"] = str(self.port)
        if days_ahead:
            # libfaketime preloaded into the server itself (not the `faketime` wrapper, whose child
            # would outlive a terminate); only the wall clock moves, monotonic time stays real.
            env["LD_PRELOAD"] = FAKETIME_LIBRARY
            env["FAKETIME"] = f"+{days_ahead}d"
            env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=self.log)
        context = ssl._create_unverified_context()
        for _ in range(240):
            try:
                urllib.request.urlopen(self.base + "/healthz", context=context, timeout=2)
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError("the server exited during start-up")
                time.sleep(0.25)
        raise RuntimeError("the server did not answer /healthz within a minute")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def admin_token(self):
        result = subprocess.run(
            [self.binary, "admin", "create", "--username", "admin"], input="browser admin password\n",
            capture_output=True, text=True, env=self.environment(),
        )
        if result.returncode != 0:
            raise RuntimeError(f"corridor admin create failed: {result.stderr.strip()}")
        return result.stdout.strip().splitlines()[-1]

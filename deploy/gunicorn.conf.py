"""gunicorn settings for Khuyến công (`gunicorn -c deploy/gunicorn.conf.py`).

Every value can be changed from the environment (the systemd unit reads
/etc/khuyencong/env), so the file itself stays the same on every server.
"""

import multiprocessing
import os

wsgi_app = "khuyencong.wsgi:application"

# Only nginx on the same host talks to gunicorn.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads let a worker keep answering while another request waits on PostgreSQL
# or builds an Excel/PDF export; processes use the cores.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# Large exports (PDF of a whole programme) may take a while; anything longer is a fault.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

# nginx on loopback says whether the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr: the systemd journal keeps them.
# An empty GUNICORN_ACCESS_LOG turns the access log off (the load test does).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

proc_name = "khuyencong"

# gunicorn's runtime control socket is not used (systemd sends the signals), and
# its default place under $HOME is read-only under the unit's ProtectHome.
control_socket_disable = True

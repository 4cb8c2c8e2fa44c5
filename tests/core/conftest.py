from tests.core.support import clock, instance, instance_template

__all__ = ["clock", "instance", "instance_template"]

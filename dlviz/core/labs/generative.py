"""Chapter 10: generative models — GANs on toy data and digits, autoencoders and VAEs.

The tasks live in :mod:`dlviz.core.gan`; this module only declares the lab cards.
For GANs the shared training parameter ``lr`` is the generator's learning rate and
``lr_d`` the discriminator's.
"""

from __future__ import annotations

from dlviz.core.gan.ae_tasks import HELD_OUT_CHOICES, AutoencoderTask, VaeTask
from dlviz.core.gan.image_tasks import IMAGE_LOSSES, ConditionalGanTask, ImageGanTask
from dlviz.core.gan.losses import LOSS_NAMES, LOSSES
from dlviz.core.gan.targets import TARGETS_1D, TARGETS_2D
from dlviz.core.gan.toy_tasks import Gan1dTask, Gan2dTask
from dlviz.core.labs.base import LabSpec
from dlviz.core.params import ParamSpec


def _gan_params(
    loss: str = "nonsaturating",
    noise_dim: int = 2,
    width: int = 64,
    depth: int = 3,
    lr_d: float = 1e-3,
) -> tuple[ParamSpec, ...]:
    return (
        ParamSpec(
            "loss",
            "GAN loss",
            "choice",
            loss,
            choices=LOSSES,
            choice_labels=tuple(LOSS_NAMES[name] for name in LOSSES),
            help="minimax saturates; non-saturating, LSGAN and WGAN fix that.",
        ),
        ParamSpec(
            "d_steps",
            "D steps per G step (k)",
            "int",
            1,
            minimum=1,
            maximum=10,
            help="Discriminator updates per generator update.",
        ),
        ParamSpec(
            "lr_d",
            "D learning rate",
            "float",
            lr_d,
            minimum=1e-6,
            maximum=1.0,
            log=True,
            group="training",
            help="Step size of D (G uses the main learning rate).",
        ),
        ParamSpec(
            "noise_dim",
            "Noise dimension",
            "int",
            noise_dim,
            minimum=1,
            maximum=64,
            help="Length of the random vector z fed to G.",
        ),
        ParamSpec(
            "noise",
            "Noise distribution",
            "choice",
            "normal",
            choices=("normal", "uniform"),
            help="Where z is drawn from.",
        ),
        ParamSpec("g_width", "G width", "int", width, minimum=2, maximum=512),
        ParamSpec("g_depth", "G hidden layers", "int", depth, minimum=1, maximum=6),
        ParamSpec("d_width", "D width", "int", width, minimum=2, maximum=512),
        ParamSpec("d_depth", "D hidden layers", "int", depth, minimum=1, maximum=6),
        ParamSpec(
            "clip",
            "WGAN weight clip",
            "float",
            0.01,
            minimum=1e-4,
            maximum=1.0,
            log=True,
            help="Critic weights are clamped to ±clip (WGAN only).",
        ),
        ParamSpec(
            "gp_weight",
            "Gradient penalty λ",
            "float",
            0.1,
            minimum=0.0,
            maximum=100.0,
            help="Weight of WGAN-GP's gradient penalty.",
        ),
    )


def _image_gan_params() -> tuple[ParamSpec, ...]:
    return (
        ParamSpec(
            "loss",
            "GAN loss",
            "choice",
            "nonsaturating",
            choices=IMAGE_LOSSES,
            choice_labels=tuple(LOSS_NAMES[name] for name in IMAGE_LOSSES),
        ),
        ParamSpec("d_steps", "D steps per G step (k)", "int", 1, minimum=1, maximum=10),
        ParamSpec(
            "lr_d",
            "D learning rate",
            "float",
            2e-4,
            minimum=1e-6,
            maximum=1.0,
            log=True,
            group="training",
        ),
        ParamSpec("noise_dim", "Noise dimension", "int", 32, minimum=2, maximum=128),
        ParamSpec(
            "width",
            "Channels",
            "int",
            16,
            minimum=4,
            maximum=128,
            help="Feature maps of the first convolution (doubled in the next).",
        ),
        ParamSpec(
            "gp_weight",
            "Gradient penalty λ",
            "float",
            10.0,
            minimum=0.0,
            maximum=100.0,
            help="Weight of WGAN-GP's gradient penalty.",
        ),
    )


def _ae_params(held_out: str, beta: float | None) -> tuple[ParamSpec, ...]:
    params = [
        ParamSpec(
            "held_out",
            "Held-out digit",
            "choice",
            held_out,
            choices=HELD_OUT_CHOICES,
            group="data",
            help="Left out of training: its images become the anomalies.",
        ),
        ParamSpec(
            "val_fraction",
            "Validation share",
            "float",
            0.2,
            minimum=0.05,
            maximum=0.8,
            group="data",
        ),
        ParamSpec("hidden", "Hidden units", "int", 128, minimum=4, maximum=1024),
    ]
    if beta is not None:
        params.append(
            ParamSpec(
                "beta",
                "KL weight β",
                "float",
                beta,
                minimum=0.0,
                maximum=20.0,
                help="Weight of the KL term.",
            )
        )
    return tuple(params)


_GOODFELLOW = "Goodfellow et al."
_GAN_PAPER = "Generative Adversarial Nets (2014)"

LABS = [
    LabSpec(
        key="gan1d",
        title="GAN in one dimension",
        chapter="generative",
        year=2014,
        teaches="G moves its density onto the data until D(x) = ½ everywhere.",
        stage="gan1d",
        factory=Gan1dTask,
        heavy=True,
        authors=_GOODFELLOW,
        idea="A generator and a discriminator play a minimax game.",
        paper=_GAN_PAPER,
        params=(
            ParamSpec(
                "target",
                "Target",
                "choice",
                "gaussian",
                choices=TARGETS_1D,
                group="data",
            ),
            *_gan_params(noise_dim=1, width=32, depth=2, lr_d=1e-3),
        ),
        training_defaults={"lr": 1e-3, "batch_size": 256},
        training_labels={"lr": "G learning rate"},
    ),
    LabSpec(
        key="gan2d",
        title="GAN in two dimensions",
        chapter="generative",
        year=2014,
        teaches="Mode collapse, D's landscape and the pull on each generated point.",
        stage="gan2d",
        factory=Gan2dTask,
        authors=_GOODFELLOW,
        idea="Watch G warp its noise plane onto the target's modes.",
        paper=_GAN_PAPER,
        params=(
            ParamSpec(
                "target",
                "Target",
                "choice",
                "ring",
                choices=TARGETS_2D,
                group="data",
                help="Ring of 8, grid of 25, spiral, moons or a drawing.",
            ),
            ParamSpec(
                "target_points",
                "Drawn points",
                "text",
                "",
                group="data",
                help="The drawn target as x,y pairs separated by semicolons; set by "
                "Draw target and Use drawing.",
            ),
            *_gan_params(noise_dim=2, width=64, depth=3, lr_d=1e-3),
        ),
        training_defaults={"lr": 1e-3, "batch_size": 256},
        training_labels={"lr": "G learning rate"},
    ),
    LabSpec(
        key="dcgan",
        title="DCGAN on digits",
        chapter="generative",
        year=2015,
        teaches="A convolutional generator learns to draw digits from noise.",
        stage="image_gan",
        factory=ImageGanTask,
        heavy=True,
        authors="Radford, Metz, Chintala",
        idea="Transposed convolutions, batch norm and LeakyReLU make GANs train.",
        paper="Unsupervised Representation Learning with Deep Convolutional "
        "GANs (2015)",
        params=_image_gan_params(),
        training_defaults={"lr": 2e-4, "batch_size": 64},
        training_labels={"lr": "G learning rate"},
    ),
    LabSpec(
        key="cgan",
        title="Conditional GAN on digits",
        chapter="generative",
        year=2014,
        teaches="Give both networks the label and G draws the digit you ask for.",
        stage="image_gan",
        factory=ConditionalGanTask,
        heavy=True,
        authors="Mirza, Osindero",
        idea="Condition G and D on the class label.",
        paper="Conditional Generative Adversarial Nets (2014)",
        params=_image_gan_params(),
        training_defaults={"lr": 2e-4, "batch_size": 64},
        training_labels={"lr": "G learning rate"},
    ),
    LabSpec(
        key="autoencoder",
        title="Autoencoder with a 2-D code",
        chapter="generative",
        year=2006,
        teaches="Squeeze digits through two numbers; spot digits it never saw.",
        stage="autoencoder",
        factory=AutoencoderTask,
        authors="Hinton, Salakhutdinov",
        idea="Encoder and decoder trained to reproduce the input.",
        paper="Reducing the Dimensionality of Data with Neural Networks (2006)",
        params=_ae_params("0", None),
        training_defaults={"lr": 1e-3, "batch_size": 64},
    ),
    LabSpec(
        key="vae",
        title="Variational autoencoder",
        chapter="generative",
        year=2013,
        teaches="A latent space you can sample: reparameterisation plus a KL term.",
        stage="autoencoder",
        factory=VaeTask,
        authors="Kingma, Welling",
        idea="Encode to a Gaussian, sample z = μ + σ·ε, decode.",
        paper="Auto-Encoding Variational Bayes (2013)",
        params=_ae_params("none", 1.0),
        training_defaults={"lr": 1e-3, "batch_size": 64},
    ),
]

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>source: {0}   target: {1}   k = {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query “{0}” (position {1}), layer {2}, head {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>√d = {0:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output = Σ softmax · v =</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AugmentStage</name>
    <message>
        <source>Digit number</source>
        <extracomment>Side of the preview images (as the CNN labs upsample the 8×8 digits). Preview settings shown first, so the grid already varies when the tool opens.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vertical flip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop: smallest area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation ± degrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contrast ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New random draws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} random training versions of the same digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Classifier2dStage</name>
    <message>
        <source>Decision boundary — dots: training, crosses: validation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConvMathStage</name>
    <message>
        <source>Input size n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dilation d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Padding used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… without bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply-adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then 2×2 max-pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One convolution layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel slides over a 7×7 input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparisons for the current channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too small to pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Three 3×3 vs one 7×7&lt;/b&gt; (C = {c}): same receptive field 7×7; 27·C² = {a} vs 49·C² = {b} weights ({saved:.0%} fewer), and three non-linearities instead of one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Depthwise-separable vs standard&lt;/b&gt; ({k}×{k}, {ci}→{co}): {k}·{k}·{ci} + {ci}·{co} = {sp} vs {k}·{k}·{ci}·{co} = {st} weights; ratio 1/C_out + 1/k² = {ratio:.3f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply-adds {sm} vs {stm}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1×1 convolution&lt;/b&gt; mixes channels at each pixel: C_in·C_out + C_out = {ci}·{co} + {co} = {n} parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this output it keeps the size {out}×{out}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(animation uses a {k}×{k} kernel) </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output on the 7×7 input: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>position {i} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigitsStage</name>
    <message>
        <source>Validation digits: predicted label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First digit: probabilities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HyperparamPanel</name>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageClassifierStage</name>
    <message>
        <source>Training</source>
        <extracomment>While training, the drawing is predicted again at most this often (seconds). A request without an answer after this long no longer blocks new ones. The user picked another layer (its path).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion (validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw one digit, large, with the mouse or a pen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: first {shown} of {total} channels, {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{layer}: {total} channels, {h}×{w}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true {0} · predicted {1} ({2:.0%})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is a {0} ({1:.0%})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Compute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample {0}, true {1}: class {2} explained (p = {3:.2f})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KernelAnimationView</name>
    <message>
        <source>input (padded)</source>
        <extracomment>Side of the small input the kernel slides over. Largest kernel the animation shows (bigger ones make the dot product unreadable).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabPicker</name>
    <message>
        <source>Filter labs…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageController</name>
    <message>
        <source>Switch to {0}</source>
        <extracomment>Language code -&gt; its name in that language (shown untranslated, as is usual).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dlviz — deep learning lab bench</source>
        <extracomment>False pauses drawing (the session is still polled); used by benchmarks. A lab was opened (its key); classroom features listen to it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy and other metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a step to walk through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter labs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {0} · torch threads: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training diverged: the loss is no longer a finite number. Training was paused and the last finite weights were kept. Try a smaller learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU ran out of memory. Training was paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MenuTitles</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>No lesson notes for this lab yet.</source>
        <extracomment>Smallest body size in points, readable from the back of a classroom. Body size relative to the application font (before the panel&apos;s own scale).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson note could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No translation yet: showing the English note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresentationController</name>
    <message>
        <source>Presentation mode</source>
        <extracomment>The application font before any presentation scaling (shared by every window).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text (presentation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text (presentation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom the panel under the mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back: restore the panel or leave presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next colour map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next signed-value colour map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map for signed values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Seq2SeqStage</name>
    <message>
        <source>Attention weights (rows: output, columns: input); □ true alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beam width k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SequenceStage</name>
    <message>
        <source>f — forget gate (0…1)</source>
        <extracomment>Gates squashed by σ into (0, 1); the others are signed and use a diverging map. Smallest value drawn on the log-scaled gradient plot.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i — input gate (0…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>g = C̃ — candidate (−1…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>o — output gate (0…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>c — cell state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h — hidden state (−1…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z — update gate (0…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>r — reset gate (0…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>h̃ — candidate (−1…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input, target and prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient through time ‖∂L/∂h_t‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare RNN / LSTM / GRU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fresh networks of the same size on the same batch: how far back does the gradient reach?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample loss {0:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(guessing the mean: {0:.3f})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sum {0:.2f} → predicted {1:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient norm: no step yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} ≤ threshold {1:g}: not clipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} → clipped to {1:.3g} (threshold {2:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} (no clipping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time step t = {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fresh {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepThroughPanel</name>
    <message>
        <source>No step recorded yet — press “Record a new step” (T).</source>
        <extracomment>The user wants a new step recorded (the window forwards it to the engine). The current event changed (its index).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransformerStage</name>
    <message>
        <source>encoder self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoder masked self-attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-attention (decoder → encoder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through QKᵀ/√d → softmax → ×V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Causal mask (dark: hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train one batch (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-initialise with the seed (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record one training step to walk through forward and backward (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train continuously (Space)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_AttentionStage</name>
    <message>
        <source>{0}  →  {1}   (target {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}  →  class {1} ({2:.0%}), label {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val accuracy {0:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

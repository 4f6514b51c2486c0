<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AugmentStage</name>
    <message>
        <source>Digit number</source>
        <extracomment>Side of the preview images (as the CNN labs upsample the 8×8 digits). Gray between the tiles, so the (black) borders of the digits stay apart. Room after each group of controls (pixels). The original is shown at 1 / this of its panel (a reference beside the grid). Preview settings shown first, so the grid already varies when the tool opens. the labels of the digit and of the four numeric options</extracomment>
        <translation>数字编号</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Vertical flip</source>
        <translation>垂直翻转</translation>
    </message>
    <message>
        <source>Crop: smallest area</source>
        <translation>裁剪：最小面积</translation>
    </message>
    <message>
        <source>Rotation ± degrees</source>
        <translation>旋转 ± 度</translation>
    </message>
    <message>
        <source>Brightness ±</source>
        <translation>亮度 ±</translation>
    </message>
    <message>
        <source>Contrast ±</source>
        <translation>对比度 ±</translation>
    </message>
    <message>
        <source>New random draws</source>
        <translation>重新随机抽取</translation>
    </message>
    <message>
        <source>{n} random versions</source>
        <translation>{n} 个随机版本</translation>
    </message>
    <message>
        <source>Augmented</source>
        <translation>增强结果</translation>
    </message>
    <message>
        <source>Original (class {c})</source>
        <translation>原图（类别 {c}）</translation>
    </message>
    <message>
        <source>Each of the {n} tiles is a new random draw, as training makes one at every step: the network learns the digit, not its exact pixels.</source>
        <translation>这 {n} 个小图每个都是一次新的随机抽取，训练时每一步都会重新抽取：网络学到的是这个数字，而不是它的具体像素。</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原图</translation>
    </message>
</context>
<context>
    <name>AutoencoderStage</name>
    <message>
        <source>Decoded latent grid</source>
        <translation>隐空间网格的解码结果</translation>
    </message>
    <message>
        <source>Decoded random codes</source>
        <translation>随机编码的解码结果</translation>
    </message>
    <message>
        <source>Anomaly</source>
        <extracomment>layer -&gt; (style key, labels) of its last full update</extracomment>
        <translation>异常检测</translation>
    </message>
    <message>
        <source>Reconstructions</source>
        <translation>重建结果</translation>
    </message>
    <message>
        <source>Error: seen vs held-out</source>
        <translation>误差：见过的与留出的</translation>
    </message>
    <message>
        <source>Latent codes</source>
        <translation>隐空间编码</translation>
    </message>
    <message>
        <source>Decoded grid</source>
        <translation>解码网格</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>随机编码</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>{0} (never seen)</source>
        <translation>{0}（从未见过）</translation>
    </message>
    <message>
        <source>Each dot is the code of a validation digit, coloured by digit. The KL term pulls the codes towards a standard normal, so the decoded grid (codes −2…2) and random codes decode to digits.</source>
        <translation>每个点是一个验证集数字的编码，颜色表示数字。KL 项把编码拉向标准正态分布，因此解码网格（编码 −2…2）和随机编码都能解码成数字。</translation>
    </message>
    <message>
        <source>Each dot is the 2-D code of a validation digit, coloured by digit. The decoded grid is the box of the latent plot, decoded point by point.</source>
        <translation>每个点是一个验证集数字的二维编码，颜色表示数字。解码网格就是隐空间图中的方框，逐点解码得到。</translation>
    </message>
    <message>
        <source>Digit {0} never seen in training. Above the threshold: {1:.0%} of it, {2:.0%} of the seen digits.</source>
        <translation>数字 {0} 在训练中从未出现。超过阈值的：它有 {1:.0%}，见过的数字有 {2:.0%}。</translation>
    </message>
    <message>
        <source>Choose a held-out digit to see anomaly detection.</source>
        <translation>选择一个留出的数字，即可观察异常检测。</translation>
    </message>
</context>
<context>
    <name>BertStage</name>
    <message>
        <source>pre-trained, fine-tuned</source>
        <extracomment>The colour of each fate of a token (text of the sentence, legend). The colour of each network in the fine-tuning plot and the window&apos;s curves. Metric keys of each network in the window&apos;s curves. The lab&apos;s network&apos;s loss is the masked-word loss, then the sentiment loss: the window names it as usual. The embedding blocks, left to right.</extracomment>
        <translation>预训练后微调</translation>
    </message>
    <message>
        <source>from scratch</source>
        <translation>从头训练</translation>
    </message>
    <message>
        <source>pre-trained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>→ [MASK]</source>
        <translation>→ [MASK]</translation>
    </message>
    <message>
        <source>→ random word</source>
        <translation>→ 随机词</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>segment</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>和</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Mask again</source>
        <translation>重新掩码</translation>
    </message>
    <message>
        <source>Draw another 15 % of this sentence&apos;s words and another 80/10/10 fate for each</source>
        <translation>重新抽取这句话中 15% 的词，并按 80/10/10 重新决定每个词的去向</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Masked words</source>
        <translation>掩码词</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Pre-training</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Token | segment | position | sum (added)</source>
        <translation>词元 | 片段 | 位置 | 和（相加）</translation>
    </message>
    <message>
        <source>Token | segment | position | sum</source>
        <translation>词元 | 片段 | 位置 | 和</translation>
    </message>
    <message>
        <source>Validation accuracy after pre-training vs from scratch</source>
        <translation>验证准确率：预训练后微调 vs 从头训练</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>fine-tuning step</source>
        <translation>微调步数</translation>
    </message>
    <message>
        <source>Masked-word loss ({0} guessing by word frequency)</source>
        <translation>掩码词损失（{0} 按词频猜）</translation>
    </message>
    <message>
        <source>Masked-word loss ({0} by frequency)</source>
        <translation>掩码词损失（{0} 词频）</translation>
    </message>
    <message>
        <source>Masked-word loss</source>
        <translation>掩码词损失</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>input token</source>
        <translation>输入词元</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>头 {0}</translation>
    </message>
    <message>
        <source>Fine-tuning starts after step {0}</source>
        <translation>微调从第 {0} 步之后开始</translation>
    </message>
    <message>
        <source>Starts after step {0}</source>
        <translation>第 {0} 步后开始</translation>
    </message>
    <message>
        <source>training (mean per point)</source>
        <translation>训练（每点取均值）</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>褒义</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>贬义</translation>
    </message>
    <message>
        <source>Input ({0}):</source>
        <translation>输入（{0}）：</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Position {0}: “{1}” {2} · P(“{1}”) = {3:.2f} ({4} original)</source>
        <translation>位置 {0}：“{1}” {2} · P(“{1}”) = {3:.2f}（{4} 原词）</translation>
    </message>
    <message>
        <source>{0}: “{1}” {2} · P = {3:.2f}</source>
        <translation>{0}：“{1}” {2} · P = {3:.2f}</translation>
    </message>
    <message>
        <source>“{0}” {1}</source>
        <translation>“{0}” {1}</translation>
    </message>
    <message>
        <source>An encoder learns to fill in masked words of unlabelled sentences, then learns the sentiment from a few labelled ones; the same network from scratch learns from the same few.</source>
        <translation>编码器先在无标签的句子上学习填出被掩盖的词，再用少量带标签的句子学习情感；同一网络从头训练，也只用这几个句子。</translation>
    </message>
    <message>
        <source>Pre-training: step {0} of {1}. Masked-word accuracy {2:.0%} (held out); loss {3:.2f} vs {4:.2f} by word frequency.</source>
        <translation>预训练：第 {0} 步，共 {1} 步。掩码词准确率 {2:.0%}（留出数据）；损失 {3:.2f}，按词频猜为 {4:.2f}。</translation>
    </message>
    <message>
        <source>Fine-tuning step {0} on {1} labelled sentences ({2} held out): pre-trained {3:.0%}, from scratch {4:.0%}.</source>
        <translation>微调第 {0} 步，{1} 个带标签句子（留出 {2} 个）：预训练 {3:.0%}，从头训练 {4:.0%}。</translation>
    </message>
    <message>
        <source>This sentence is positive with P = {0:.2f} (pre-trained) and {1:.2f} (from scratch).</source>
        <translation>这句话是褒义的概率：{0:.2f}（预训练）、{1:.2f}（从头训练）。</translation>
    </message>
    <message>
        <source>Last pre-training batch: {0} of {1} words chosen ({2:.1%}); of them {3} → [MASK] ({4:.0%}), {5} → random ({6:.0%}), {7} kept ({8:.0%}).</source>
        <translation>最近一个预训练批次：{1} 个词中选中 {0} 个（{2:.1%}）；其中 {3} 个 → [MASK]（{4:.0%}），{5} 个 → 随机词（{6:.0%}），{7} 个保持不变（{8:.0%}）。</translation>
    </message>
</context>
<context>
    <name>CharLMStage</name>
    <message>
        <source>prompt</source>
        <extracomment>Characters written by &quot;Generate 20&quot;. Written characters listed in the caption (the latest ones). characters still to write for &quot;Generate 20&quot; (0: not generating) the last sampled step: its attention is shown until the prompt changes (character, probability) of every character written since the last edit take the new run&apos;s prompt into the edit at the next snapshot</extracomment>
        <translation>提示</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>前 k</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>前 p</translation>
    </message>
    <message>
        <source>Sample next</source>
        <translation>采样下一个</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Generate {0}</source>
        <translation>生成 {0} 个</translation>
    </message>
    <message>
        <source>Model: P(next character)</source>
        <translation>模型：P(下一个字符)</translation>
    </message>
    <message>
        <source>P(next character)</source>
        <translation>P(下一个字符)</translation>
    </message>
    <message>
        <source>After T, top-k, top-p ({0} drawn)</source>
        <translation>经过温度、前 k、前 p 后（{0} 抽中）</translation>
    </message>
    <message>
        <source>After T, top-k, top-p</source>
        <translation>经过温度、前 k、前 p 后</translation>
    </message>
    <message>
        <source>Sampled from</source>
        <translation>实际抽样分布</translation>
    </message>
    <message>
        <source>the model writes
(T = 0.8):</source>
        <translation>模型写出
（T = 0.8）：</translation>
    </message>
    <message>
        <source>Attention → next character</source>
        <translation>注意力 → 下一个字符</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>layer, head</source>
        <translation>层, 头</translation>
    </message>
    <message>
        <source>Next character</source>
        <translation>下一个字符</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Attention that wrote “{0}”</source>
        <translation>写出“{0}”时的注意力</translation>
    </message>
    <message>
        <source>validation perplexity {0:.2f} · unigram baseline {1:.2f} · uniform {2}</source>
        <translation>验证困惑度 {0:.2f} · 一元基线 {1:.2f} · 均匀猜测 {2}</translation>
    </message>
    <message>
        <source>sampling from {0} of {1} characters</source>
        <translation>从 {1} 个字符中的 {0} 个里采样</translation>
    </message>
    <message>
        <source>not in this text&apos;s alphabet (left out): {0}</source>
        <translation>不在这篇文本的字母表中（已略去）：{0}</translation>
    </message>
    <message>
        <source>written: {0}</source>
        <translation>已写出：{0}</translation>
    </message>
</context>
<context>
    <name>Classifier2dStage</name>
    <message>
        <source>Decision boundary</source>
        <extracomment>Seconds between refreshes of the selected point&apos;s table while training. Below this width (pixels, at font scale 1; more at a larger font) the output map is the main view and the network drawing a panel beside it: a laptop or projector window with its side docks shown leaves the map a thumbnail next to the drawing otherwise. whether the layout is the narrow one (None: not decided yet)</extracomment>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Colour: the class the network predicts at each point of the plane (paler = less sure). Dots: training points; crosses: validation points, in the colour of their true class.</source>
        <translation>颜色：网络在平面上每一点预测的类别（越浅越不确定）。圆点：训练点；叉：验证点，颜色为其真实类别。</translation>
    </message>
    <message>
        <source>Each neuron&apos;s output over the plane</source>
        <translation>每个神经元在平面上的输出</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Selected point</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <source>Inputs:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Squares: each neuron&apos;s output over the plane ÷ its largest |value|. Edges: weights (thicker above |w| = 0.1, 0.5, 1.5). Hover for numbers; click a neuron to enlarge its map, a point of the output for its z, a, ∂L/∂z.</source>
        <translation>方块：每个神经元在平面上的输出 ÷ 它的最大 |值|。连线：权重（|w| 超过 0.1、0.5、1.5 时更粗）。悬停查看数值；点击神经元放大它的图，点击输出图上的点查看 z、a、∂L/∂z。</translation>
    </message>
    <message>
        <source>{0} (click the output to go back)</source>
        <translation>{0}（点击输出返回）</translation>
    </message>
    <message>
        <source>Output: the predicted value</source>
        <translation>输出：预测值</translation>
    </message>
    <message>
        <source>Output: decision boundary</source>
        <translation>输出：决策边界</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare two runs</source>
        <translation>比较两次训练</translation>
    </message>
    <message>
        <source>Comparison:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <source>My own settings for B</source>
        <translation>为 B 自选设置</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B (editable)</source>
        <translation>B（可编辑）</translation>
    </message>
    <message>
        <source>Highlighted: the settings where B differs from A. Both runs start from the same seed and train on the same batches.</source>
        <translation>高亮：B 与 A 不同的设置。两次训练从同一个随机种子开始，并使用相同的批次训练。</translation>
    </message>
    <message>
        <source>Start comparison</source>
        <translation>开始比较</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Change B&apos;s settings below; A keeps the lab&apos;s settings.</source>
        <translation>在下面修改 B 的设置；A 保持实验当前的设置。</translation>
    </message>
    <message>
        <source>Question for the class: {0}</source>
        <translation>课堂提问：{0}</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation>{0}：{1}——该值未应用。</translation>
    </message>
</context>
<context>
    <name>CompareMode</name>
    <message>
        <source>Run {0} has nothing to save yet.</source>
        <extracomment>the window&apos;s session files feature, once bound (:meth:`_bind_sessions`) the comparison was opened by a lesson scene (the next scene closes it) Compare windows run their pair on a worker thread (tests may pump it).</extracomment>
        <translation>运行 {0} 还没有可保存的内容。</translation>
    </message>
    <message>
        <source>The runs have nothing to save yet.</source>
        <translation>两次训练都还没有可保存的内容。</translation>
    </message>
    <message>
        <source>Both runs saved: {0}</source>
        <translation>两次训练已保存：{0}</translation>
    </message>
    <message>
        <source>Comparison opened: {0} (step {1})</source>
        <translation>已打开对比：{0}（第 {1} 步）</translation>
    </message>
    <message>
        <source>Run {0} saved: {1}</source>
        <translation>运行 {0} 已保存：{1}</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare: {0} — {1}</source>
        <extracomment>The panel a many-panel stage shows first in a comparison (else its main view). Stages that show class probabilities over the plane: a disagreement map applies. Below this a gradient through time is drawn as this (a log scale). The teacher keeps this side&apos;s run (&quot;A&quot; or &quot;B&quot;). The teacher saves this side&apos;s run as an ordinary session file. The teacher saves the comparison (both runs) as one session file. The teacher exports the comparison (both runs and the curves) as a PNG. stage controls hidden while one panel is shown, and whether they were shown before what a save or an export did (shown for a while) both runs&apos; gradient norm per layer on one scale, added once both sides&apos; snapshots report them (labs with one network) recurrent labs: both runs&apos; gradient through time on one log scale</extracomment>
        <translation>比较：{0}——{1}</translation>
    </message>
    <message>
        <source>Answer: {0}</source>
        <translation>答案：{0}</translation>
    </message>
    <message>
        <source>Watch: {0}</source>
        <translation>注意看：{0}</translation>
    </message>
    <message>
        <source>Compare: {0}</source>
        <translation>比较：{0}</translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation>隐藏答案</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>揭晓答案</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0}——{1}</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>All panels</source>
        <translation>全部面板</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one recorded step of both runs and show them event by event.</source>
        <translation>两次训练各记录一步，并逐个事件展示。</translation>
    </message>
    <message>
        <source>Reset both</source>
        <translation>全部重置</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 步/秒</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save run {0} as a session…</source>
        <translation>将运行 {0} 保存为会话…</translation>
    </message>
    <message>
        <source>Export both runs as PNG…</source>
        <translation>将两个运行导出为 PNG…</translation>
    </message>
    <message>
        <source>Keep A</source>
        <translation>保留 A</translation>
    </message>
    <message>
        <source>Keep B</source>
        <translation>保留 B</translation>
    </message>
    <message>
        <source>End the comparison and continue run A in the main window.</source>
        <translation>结束比较，在主窗口中继续训练 A。</translation>
    </message>
    <message>
        <source>End the comparison and continue run B in the main window.</source>
        <translation>结束比较，在主窗口中继续训练 B。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss (B dashed)</source>
        <translation>损失（B 为虚线）</translation>
    </message>
    <message>
        <source>A ≠ B</source>
        <translation>A ≠ B</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>|A − B| of the predicted value</source>
        <translation>预测值的 |A − B|</translation>
    </message>
    <message>
        <source>Colour: how far apart the values A and B predict at each point of the plane.</source>
        <translation>颜色：平面上每一点 A 与 B 预测值相差多少。</translation>
    </message>
    <message>
        <source>A ≠ B on {0:.0%}</source>
        <translation>A ≠ B：{0:.0%}</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Save both runs (or one) as a session file, or export the comparison as a PNG.</source>
        <translation>把两次训练（或其中一次）保存为会话文件，或把对比导出为 PNG。</translation>
    </message>
    <message>
        <source>Save the comparison (both runs)…</source>
        <translation>保存对比（两次训练）…</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <source>Show both runs as they train</source>
        <translation>显示两次训练的实时状态</translation>
    </message>
    <message>
        <source>Drag back to see both runs as they were at the same step</source>
        <translation>向回拖动，查看两次训练在同一步时的样子</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>画板</translation>
    </message>
    <message>
        <source>Feature maps of the drawing</source>
        <translation>画板输入的特征图</translation>
    </message>
    <message>
        <source>Attributions</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax 概率</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>the same settings</source>
        <translation>相同的设置</translation>
    </message>
    <message>
        <source>Gradient vs t</source>
        <translation>梯度随 t 的变化</translation>
    </message>
    <message>
        <source>How much the loss depends on the hidden state at each time step t, A solid and B dashed on one logarithmic scale.</source>
        <translation>损失对每个时间步 t 的隐藏状态有多敏感：A 为实线、B 为虚线，共用同一个对数刻度。</translation>
    </message>
    <message>
        <source>Gradient per layer</source>
        <translation>每层梯度</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>The size (norm) of the last step&apos;s gradient of each weight layer, from the input to the output, A and B on one logarithmic scale: a bar one decade shorter is a gradient ten times smaller.</source>
        <translation>上一步中每个权重层（从输入到输出）梯度的大小（范数），A 与 B 共用同一个对数刻度：柱子短一个数量级，梯度就小十倍。</translation>
    </message>
    <message>
        <source>Colour: how differently A and B classify each point of the plane, half the summed difference of their class probabilities (0: the same, 1: each sure of a different class).</source>
        <translation>颜色：A 与 B 对平面上每一点的分类有多不同，即两者类别概率之差的总和的一半（0：完全相同，1：各自确信是不同的类别）。</translation>
    </message>
    <message>
        <source>building…</source>
        <translation>构建中…</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>{0} · loss {1:.3g}</source>
        <translation>{0} · 损失 {1:.3g}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>step {0} · rewound</source>
        <translation>第 {0} 步 · 回看中</translation>
    </message>
</context>
<context>
    <name>ConvMathStage</name>
    <message>
        <source>Input size n</source>
        <translation>输入尺寸 n</translation>
    </message>
    <message>
        <source>Kernel k</source>
        <translation>卷积核 k</translation>
    </message>
    <message>
        <source>Stride s</source>
        <translation>步幅 s</translation>
    </message>
    <message>
        <source>Padding p</source>
        <translation>填充 p</translation>
    </message>
    <message>
        <source>Dilation d</source>
        <translation>空洞 d</translation>
    </message>
    <message>
        <source>Channels in</source>
        <translation>输入通道数</translation>
    </message>
    <message>
        <source>Channels out</source>
        <translation>输出通道数</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组数</translation>
    </message>
    <message>
        <source>Padding mode</source>
        <translation>填充方式</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Padding used</source>
        <translation>实际填充</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>… without bias</source>
        <translation>……不含偏置</translation>
    </message>
    <message>
        <source>Multiply-adds</source>
        <translation>乘加次数</translation>
    </message>
    <message>
        <source>Receptive field</source>
        <translation>感受野</translation>
    </message>
    <message>
        <source>Then 2×2 max-pool</source>
        <translation>再做 2×2 最大池化</translation>
    </message>
    <message>
        <source>Comparisons</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Sliding kernel</source>
        <translation>滑动卷积核</translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation>{0}：{1} —— 该值未生效。</translation>
    </message>
    <message>
        <source>The animation slides a {k}×{k} kernel over a 7×7 input with the stride, padding and dilation above.</source>
        <translation>动画按上面的步幅、填充和空洞，让一个 {k}×{k} 卷积核在 7×7 输入上滑动。</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The kernel slides over a 7×7 input</source>
        <translation>卷积核在 7×7 输入上滑动</translation>
    </message>
    <message>
        <source>◀ Step</source>
        <translation>◀ 单步</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>No output: </source>
        <translation>没有输出：</translation>
    </message>
    <message>
        <source>too small to pool</source>
        <translation>太小，无法池化</translation>
    </message>
    <message>
        <source>&lt;b&gt;Three 3×3 vs one 7×7&lt;/b&gt; (C = {c}): same receptive field 7×7; 27·C² = {a} vs 49·C² = {b} weights ({saved:.0%} fewer), and three non-linearities instead of one.</source>
        <translation>&lt;b&gt;三个 3×3 对比一个 7×7&lt;/b&gt;（C = {c}）：感受野同为 7×7；权重 27·C² = {a} 对比 49·C² = {b}（少 {saved:.0%}），而且有三次非线性而不是一次。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Depthwise-separable vs standard&lt;/b&gt; ({k}×{k}, {ci}→{co}): {k}·{k}·{ci} + {ci}·{co} = {sp} vs {k}·{k}·{ci}·{co} = {st} weights; ratio 1/C_out + 1/k² = {ratio:.3f}.</source>
        <translation>&lt;b&gt;深度可分离卷积对比普通卷积&lt;/b&gt;（{k}×{k}，{ci}→{co}）：权重 {k}·{k}·{ci} + {ci}·{co} = {sp} 对比 {k}·{k}·{ci}·{co} = {st}；比值 1/C_out + 1/k² = {ratio:.3f}。</translation>
    </message>
    <message>
        <source>Multiply-adds {sm} vs {stm}.</source>
        <translation>乘加次数 {sm} 对比 {stm}。</translation>
    </message>
    <message>
        <source>&lt;b&gt;1×1 convolution&lt;/b&gt; mixes channels at each pixel: C_in·C_out + C_out = {ci}·{co} + {co} = {n} parameters.</source>
        <translation>&lt;b&gt;1×1 卷积&lt;/b&gt;在每个像素上混合通道：C_in·C_out + C_out = {ci}·{co} + {co} = {n} 个参数。</translation>
    </message>
    <message>
        <source>On this output it keeps the size {out}×{out}.</source>
        <translation>作用在这个输出上，尺寸保持 {out}×{out}。</translation>
    </message>
    <message>
        <source>(animation uses a {k}×{k} kernel) </source>
        <translation>（动画使用 {k}×{k} 卷积核）</translation>
    </message>
    <message>
        <source>No output on the 7×7 input: </source>
        <translation>7×7 输入上没有输出：</translation>
    </message>
    <message>
        <source>position {i} of {n}</source>
        <translation>位置 {i} / {n}</translation>
    </message>
</context>
<context>
    <name>DetectionStage</name>
    <message>
        <source>Scene</source>
        <extracomment>Class colours of boxes: the theme&apos;s palette, bright colours first, without black (it would vanish on the black scene). The true boxes: thin and white on the (black) scene, whatever the theme. Mask colours: background gray, then one palette colour per class. Opacity of the class colours drawn over the input in the main view. Room after each group of controls (pixels), so a value never reads as the next control&apos;s label. At most this many detections are captioned with class and score (the best ones).</extracomment>
        <translation>场景</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Score ≥</source>
        <translation>得分 ≥</translation>
    </message>
    <message>
        <source>NMS: drop if IoU &gt;</source>
        <translation>NMS：删除 IoU &gt;</translation>
    </message>
    <message>
        <source>Keep only boxes whose class score is at least this value.</source>
        <translation>只保留类别得分不低于此值的框。</translation>
    </message>
    <message>
        <source>Non-maximum suppression drops a box that overlaps a better box of its class by more than this IoU.</source>
        <translation>非极大值抑制：一个框与同类别中得分更高的框的 IoU 大于此值时，删除这个框。</translation>
    </message>
    <message>
        <source>Scene and true boxes</source>
        <translation>场景与真实框</translation>
    </message>
    <message>
        <source>Object probability</source>
        <translation>目标概率</translation>
    </message>
    <message>
        <source>After NMS</source>
        <translation>NMS 之后</translation>
    </message>
    <message>
        <source>Truth</source>
        <translation>真实框</translation>
    </message>
    <message>
        <source>Anchors</source>
        <translation>锚框</translation>
    </message>
    <message>
        <source>Before NMS</source>
        <translation>NMS 之前</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>{0} anchors matched</source>
        <translation>{0} 个锚框匹配</translation>
    </message>
    <message>
        <source>Colour = class: {0}; thin white: true boxes.</source>
        <translation>颜色 = 类别：{0}；白色细框：真实框。</translation>
    </message>
    <message>
        <source>Dashed: the {0} of {1} anchors ({2} × {2} cells × {3}) that overlap a true box with IoU ≥ {4:.2f}.</source>
        <translation>虚线：{1} 个锚框（{2} × {2} 个格子 × {3}）中与真实框 IoU ≥ {4:.2f} 的 {0} 个。</translation>
    </message>
    <message>
        <source>Validation (IoU ≥ 0.5)</source>
        <translation>验证集（IoU ≥ 0.5）</translation>
    </message>
    <message>
        <source>Before NMS: {0} boxes</source>
        <translation>NMS 之前：{0} 个框</translation>
    </message>
    <message>
        <source>After NMS: {0} boxes</source>
        <translation>NMS 之后：{0} 个框</translation>
    </message>
    <message>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
</context>
<context>
    <name>DeviceMenu</name>
    <message>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>Auto: the fastest for each lab</source>
        <translation>自动：每个实验选最快的设备</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA（NVIDIA GPU）</translation>
    </message>
    <message>
        <source>MPS (Apple GPU)</source>
        <translation>MPS（Apple GPU）</translation>
    </message>
    <message>
        <source>Big labs (convolutional nets, detection, the Transformer) train on the GPU; small ones on the CPU, where they are faster.</source>
        <translation>大的实验（卷积网络、目标检测、Transformer）在 GPU 上训练；小的实验在 CPU 上训练，那里更快。</translation>
    </message>
</context>
<context>
    <name>DigitsStage</name>
    <message>
        <source>Validation digits: predicted label</source>
        <translation>验证集数字：预测的标签</translation>
    </message>
    <message>
        <source>First digit: probabilities</source>
        <translation>第一个数字：各类概率</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>DistillationStage</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>Digit</source>
        <extracomment>((label, text size), image) of the digit shown beside the soft targets</extracomment>
        <translation>数字</translation>
    </message>
    <message>
        <source>distilled student</source>
        <translation>蒸馏的学生</translation>
    </message>
    <message>
        <source>hard labels only</source>
        <translation>只用硬标签</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <source>Explore T:</source>
        <translation>探索 T：</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Soft targets</source>
        <translation>软目标</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>hard label</source>
        <translation>硬标签</translation>
    </message>
    <message>
        <source>student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Soft targets, T = {0:g}</source>
        <translation>软目标，T = {0:g}</translation>
    </message>
    <message>
        <source>teacher {value:.1%}</source>
        <translation>教师 {value:.1%}</translation>
    </message>
    <message>
        <source>Teacher: {0:,} parameters, {1:.1f}%. Student: {2:,} parameters ({3:.0f}× fewer).</source>
        <translation>教师：{0:,} 个参数，{1:.1f}%。学生：{2:,} 个参数（少 {3:.0f} 倍）。</translation>
    </message>
    <message>
        <source>Now: distilled {0:.1f}%, hard labels {1:.1f}%.</source>
        <translation>当前：蒸馏 {0:.1f}%，硬标签 {1:.1f}%。</translation>
    </message>
    <message>
        <source>Teacher at T</source>
        <translation>教师（温度 T）</translation>
    </message>
    <message>
        <source>Teacher, T = {0:.2f}</source>
        <translation>教师，T = {0:.2f}</translation>
    </message>
    <message>
        <source>T = {0:.2f}, entropy {1:.2f} (max {2:.2f})</source>
        <translation>T = {0:.2f}，熵 {1:.2f}（最大 {2:.2f}）</translation>
    </message>
    <message>
        <source>T = {0:.2f}</source>
        <translation>T = {0:.2f}</translation>
    </message>
</context>
<context>
    <name>ErrorHistogramView</name>
    <message>
        <source>reconstruction error</source>
        <translation>重建误差</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>seen digits</source>
        <translation>见过的数字</translation>
    </message>
    <message>
        <source>held-out digit</source>
        <translation>留出的数字</translation>
    </message>
</context>
<context>
    <name>EventInspector</name>
    <message>
        <source>Values</source>
        <extracomment>The step-through&apos;s text is this much larger than the application font (which presentation mode scales), so it grows with Ctrl+= like the rest.</extracomment>
        <translation>数值分布</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>{0} step</source>
        <translation>{0} 更新</translation>
    </message>
    <message>
        <source>optimizer {0}</source>
        <translation>优化器 {0}</translation>
    </message>
    <message>
        <source>network {0}</source>
        <translation>网络 {0}</translation>
    </message>
    <message>
        <source>shapes: {0} → {1}</source>
        <extracomment>The formula never takes more than this share of the inspector&apos;s height.</extracomment>
        <translation>形状：{0} → {1}</translation>
    </message>
    <message>
        <source>parameters: {0} ({1} without bias)</source>
        <translation>参数：{0}（不含偏置 {1}）</translation>
    </message>
    <message>
        <source>optimizer state: {0}</source>
        <translation>优化器状态：{0}</translation>
    </message>
    <message>
        <source>learning rate η = {0}</source>
        <translation>学习率 η = {0}</translation>
    </message>
</context>
<context>
    <name>Gan1dStage</name>
    <message>
        <source>Densities and D(x)</source>
        <translation>密度与 D(x)</translation>
    </message>
    <message>
        <source>Losses of D and G</source>
        <translation>D 和 G 的损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Densities</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>D and G</source>
        <translation>D 与 G</translation>
    </message>
    <message>
        <source>Both densities are scaled so that the taller one peaks at 1. Below them, each line takes a noise value z to the point G(z) it generates. When G matches the data, D(x) = ½ everywhere: D can no longer tell data from generated points.</source>
        <translation>两条密度曲线按同一比例缩放，较高者的峰值为 1。下方每条线把一个噪声值 z 连到它生成的点 G(z)。当 G 与数据一致时，处处 D(x) = ½：D 再也分不清数据和生成的点。</translation>
    </message>
    <message>
        <source>data density</source>
        <translation>数据密度</translation>
    </message>
    <message>
        <source>generator density</source>
        <translation>生成器密度</translation>
    </message>
    <message>
        <source>critic (scaled to 0–1)</source>
        <translation>评论器（缩放到 0–1）</translation>
    </message>
    <message>
        <source>optimal D*(x)</source>
        <translation>最优 D*(x)</translation>
    </message>
    <message>
        <source>max |D(x) − ½| on the data: {0:.3f}</source>
        <translation>数据上的 max |D(x) − ½|：{0:.3f}</translation>
    </message>
</context>
<context>
    <name>Gan2dStage</name>
    <message>
        <source>Data, generated points and D</source>
        <translation>数据、生成的点与 D</translation>
    </message>
    <message>
        <source>Losses of D and G</source>
        <translation>D 和 G 的损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>D and G</source>
        <translation>D 与 G</translation>
    </message>
    <message>
        <source>D map</source>
        <translation>D 的地形</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Noise grid</source>
        <translation>噪声网格</translation>
    </message>
    <message>
        <source>Preset: mode collapse</source>
        <translation>预设：模式坍塌</translation>
    </message>
    <message>
        <source>Preset: fixed</source>
        <translation>预设：已修复</translation>
    </message>
    <message>
        <source>Draw target</source>
        <translation>绘制目标</translation>
    </message>
    <message>
        <source>Use drawing</source>
        <translation>使用手绘</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>pull on G&apos;s points</source>
        <translation>G 的点受到的拉力</translation>
    </message>
    <message>
        <source>noise grid</source>
        <translation>噪声网格</translation>
    </message>
    <message>
        <source>mode covered</source>
        <translation>已覆盖的模式</translation>
    </message>
    <message>
        <source>mode missed</source>
        <translation>未覆盖的模式</translation>
    </message>
    <message>
        <source>The background is D&apos;s verdict on each point of the plane (colour bar); the arrows show where D&apos;s gradient pushes G&apos;s points. Circles mark the modes of the target: green when G covers them.</source>
        <translation>背景是 D 对平面上每个点的判断（见色条）；箭头表示 D 的梯度把 G 的点推向哪里。圆圈标出目标的各个模式：被 G 覆盖时为绿色。</translation>
    </message>
    <message>
        <source>critic score</source>
        <translation>评论器分数</translation>
    </message>
    <message>
        <source>modes covered: {0} / {1}</source>
        <translation>覆盖的模式：{0} / {1}</translation>
    </message>
</context>
<context>
    <name>HyperparamPanel</name>
    <message>
        <source>Data</source>
        <extracomment>A choice box is never narrower than its longest choice, up to this many characters (longer choices are read in the open list).</extracomment>
        <translation>数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>{0}: {1} — value not applied.</source>
        <translation>{0}：{1} —— 该值未生效。</translation>
    </message>
</context>
<context>
    <name>ImageClassifierStage</name>
    <message>
        <source>Inside the network</source>
        <extracomment>The attribution shown as the main view of its page. While training, the drawing is predicted again at most this often (seconds). Most redraws per second of the filters, their gradients and the confusion matrix. A request without an answer after this long no longer blocks new ones. Upper level of the gray image under a heat map (&gt;1 dims it so the heat shows). The pages of the stage. While training, the chosen unit is worked out again at most this often (s). Labs whose inputs are RGB images. Shape names of the colour lab&apos;s classes and their symbols (short labels). Numbers on dark and on light cells of the confusion matrix. Cells brighter than this (luminance 0…1) get dark numbers. The main view&apos;s share of the training page (the digit and its feature maps). The input&apos;s share of the main view, and the least it gets (pixels) while that leaves the feature maps at least as much. the unit asked for (layer, channel, row, col, source) and its answer</extracomment>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Attributions</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Validation digit</source>
        <translation>验证集数字</translation>
    </message>
    <message>
        <source>Augment training images</source>
        <translation>增强训练图像</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>第一层卷积核</translation>
    </message>
    <message>
        <source>Confusion (validation)</source>
        <translation>混淆矩阵（验证集）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Filters in colour: {0}</source>
        <translation>彩色卷积核：{0}</translation>
    </message>
    <message>
        <source>Colour = R, G, B weights (0…1)</source>
        <translation>颜色 = R、G、B 权重（0…1）</translation>
    </message>
    <message>
        <source>RGB weights, 0…1</source>
        <translation>RGB 权重，0…1</translation>
    </message>
    <message>
        <source>Presets compare plain 20, plain 56 and residual 56 layers (He et al. 2015, Fig. 1). Train each about {steps} steps and watch the training loss: plain 56 stays above plain 20, residual 56 goes lowest.</source>
        <translation>预设比较普通 20 层、普通 56 层和残差 56 层（何恺明等 2015 年论文图 1）。每个训练约 {steps} 步，看训练损失：普通 56 层高于普通 20 层，残差 56 层最低。</translation>
    </message>
    <message>
        <source>{layer} ({kind}): the first {shown} of {total} maps, {h}×{w}, each scaled to its own range 0…1.</source>
        <translation>{layer}（{kind}）：{total} 个特征图中的前 {shown} 个，{h}×{w}，每个按自身范围缩放到 0…1。</translation>
    </message>
    <message>
        <source>{layer} ({kind}): {total} maps, {h}×{w}, each scaled to its own range 0…1.</source>
        <translation>{layer}（{kind}）：{total} 个特征图，{h}×{w}，每个按自身范围缩放到 0…1。</translation>
    </message>
    <message>
        <source>Draw one digit, large, with the mouse or a pen.</source>
        <translation>用鼠标或手写笔写一个大大的数字。</translation>
    </message>
    <message>
        <source>What the network sees</source>
        <translation>网络看到的输入</translation>
    </message>
    <message>
        <source>One unit</source>
        <translation>单个单元</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Explain class</source>
        <translation>解释类别</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Validation image</source>
        <translation>验证图像</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>First-layer gradients</source>
        <translation>第一层梯度</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Input as R, G, B channels</source>
        <translation>输入的 R、G、B 三个通道</translation>
    </message>
    <message>
        <source>R, G, B</source>
        <translation>R、G、B</translation>
    </message>
    <message>
        <source>Colour filters</source>
        <translation>彩色卷积核</translation>
    </message>
    <message>
        <source>First-layer filters per channel</source>
        <translation>第一层卷积核（按通道）</translation>
    </message>
    <message>
        <source>Unit&apos;s map</source>
        <translation>单元所在的特征图</translation>
    </message>
    <message>
        <source>Its input</source>
        <translation>它的输入</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>plain {0}</source>
        <translation>普通 {0}</translation>
    </message>
    <message>
        <source>residual {0}</source>
        <translation>残差 {0}</translation>
    </message>
    <message>
        <source>{depth} layers with skip connections, the lab&apos;s other defaults, batch {batch}, width ×{width}</source>
        <translation>{depth} 层，有跳跃连接；其余为本实验的默认设置，批大小 {batch}，宽度 ×{width}</translation>
    </message>
    <message>
        <source>{depth} layers without skip connections, the lab&apos;s other defaults, batch {batch}, width ×{width}</source>
        <translation>{depth} 层，没有跳跃连接；其余为本实验的默认设置，批大小 {batch}，宽度 ×{width}</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著图（Saliency）</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度（Integrated Gradients）</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>{layer}: first {shown} of {total} channels, {h}×{w}</source>
        <translation>{layer}：{total} 个通道中的前 {shown} 个，{h}×{w}</translation>
    </message>
    <message>
        <source>{layer}: {total} channels, {h}×{w}</source>
        <translation>{layer}：{total} 个通道，{h}×{w}</translation>
    </message>
    <message>
        <source>Which pixels raise the class&apos;s score: 0 none, 1 most; integrated gradients also show the pixels against it (below 0).</source>
        <translation>哪些像素提高了该类别的得分：0 表示没有，1 表示最多；积分梯度还显示不利于该类别的像素（小于 0）。</translation>
    </message>
    <message>
        <source>Grad-CAM on {layer}: {h}×{w} upsampled to {H}×{W}.</source>
        <translation>Grad-CAM 取自 {layer}：{h}×{w} 上采样到 {H}×{W}。</translation>
    </message>
    <message>
        <source>Grad-CAM is empty: no positive evidence for this class at that layer.</source>
        <translation>Grad-CAM 为空：该层没有支持这个类别的正向证据。</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>{colour} {shape}</source>
        <translation>{colour}{shape}</translation>
    </message>
    <message>
        <source>{layer}, channel {channel}</source>
        <translation>{layer}，通道 {channel}</translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation>通道 {0}</translation>
    </message>
    <message>
        <source>Input {0} and the window</source>
        <translation>输入 {0} 与窗口</translation>
    </message>
    <message>
        <source>Input {0}</source>
        <translation>输入 {0}</translation>
    </message>
    <message>
        <source>Click a unit in any feature map (first page) to see how its value is computed from its input.</source>
        <translation>在任一特征图（第一页）中点击一个单元，查看它的值如何由输入算出。</translation>
    </message>
    <message>
        <source>Click a cell for its numbers, the unit&apos;s map for another unit.</source>
        <translation>点击一个格子看它的数值；点击单元所在的特征图换一个单元。</translation>
    </message>
    <message>
        <source>On the drawing.</source>
        <translation>基于手写的图。</translation>
    </message>
    <message>
        <source>A pooling unit reads one channel: the maximum (outlined) or the mean of its window. Click the unit&apos;s map for another unit.</source>
        <translation>池化单元只读一个通道：取窗口内的最大值（方框标出）或平均值。点击单元所在的特征图换一个单元。</translation>
    </message>
    <message>
        <source>true {0} · predicted {1} ({2:.0%})</source>
        <translation>真实 {0} · 预测 {1}（{2:.0%}）</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中……</translation>
    </message>
    <message>
        <source>It is a {0} ({1:.0%})</source>
        <translation>这是 {0}（{1:.0%}）</translation>
    </message>
    <message>
        <source>Press Compute.</source>
        <translation>请按“计算”。</translation>
    </message>
    <message>
        <source>sample {0}, true {1}: class {2} explained (p = {3:.2f})</source>
        <translation>样本 {0}，真实类别 {1}：解释类别 {2}（p = {3:.2f}）</translation>
    </message>
</context>
<context>
    <name>ImageGanStage</name>
    <message>
        <source>Generated: row = digit asked for</source>
        <translation>生成结果：每行是指定的数字</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Both networks are told the digit: row r of the grid is generated for digit r, with the same noise z in every row. Choose a digit to draw new samples of it.</source>
        <translation>两个网络都知道要哪个数字：网格的第 r 行是为数字 r 生成的，每行使用相同的噪声 z。选择一个数字即可生成它的新样本。</translation>
    </message>
    <message>
        <source>Generated from fixed noise</source>
        <translation>由固定噪声生成</translation>
    </message>
    <message>
        <source>Every cell keeps the same noise z during training: watch each cell turn into a digit. Beside it: real digits, for comparison.</source>
        <translation>训练期间每个格子都保持同一个噪声 z：看每个格子如何变成一个数字。旁边是真实数字，供对比。</translation>
    </message>
    <message>
        <source>Real digits</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <source>Chosen digit</source>
        <translation>所选数字</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成结果</translation>
    </message>
    <message>
        <source>Digit:</source>
        <translation>数字：</translation>
    </message>
    <message>
        <source>Chosen digit: none yet</source>
        <translation>所选数字：尚未选择</translation>
    </message>
    <message>
        <source>Chosen digit: {0}</source>
        <translation>所选数字：{0}</translation>
    </message>
    <message>
        <source>mean D(real) = {0:.2f}   mean D(fake) = {1:.2f}</source>
        <translation>平均 D(真实) = {0:.2f}   平均 D(生成) = {1:.2f}</translation>
    </message>
</context>
<context>
    <name>InkController</name>
    <message>
        <source>Pen: draw on the stage</source>
        <extracomment>Pen colours by the name saved in lesson files: indices into theme.PALETTE, or the theme&apos;s foreground (black, white on the dark theme). Pen widths (pixels at normal size; presentation mode draws them thicker). How near (pixels) the eraser must come to a stroke to remove it. Consecutive points closer than this (pixels) are not stored. Strokes by panel name (stage panels, &quot;loss curves&quot;, &quot;metric curves&quot;, &quot;step through&quot;).</extracomment>
        <translation>画笔：在舞台上书写</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Clear the ink</source>
        <translation>清除笔迹</translation>
    </message>
    <message>
        <source>Blank the screen</source>
        <translation>黑屏</translation>
    </message>
    <message>
        <source>Red pen</source>
        <translation>红色笔</translation>
    </message>
    <message>
        <source>Blue pen</source>
        <translation>蓝色笔</translation>
    </message>
    <message>
        <source>Green pen</source>
        <translation>绿色笔</translation>
    </message>
    <message>
        <source>Black pen (white on dark)</source>
        <translation>黑色笔（深色主题下为白色）</translation>
    </message>
    <message>
        <source>Thin line</source>
        <translation>细线</translation>
    </message>
    <message>
        <source>Medium line</source>
        <translation>中等粗细</translation>
    </message>
    <message>
        <source>Thick line</source>
        <translation>粗线</translation>
    </message>
    <message>
        <source>Ink</source>
        <translation>笔迹</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Pen off (P)</source>
        <translation>关闭画笔 (P)</translation>
    </message>
</context>
<context>
    <name>KernelAnimationView</name>
    <message>
        <source>input (padded)</source>
        <extracomment>Side of the small input the kernel slides over. Largest kernel the animation shows (bigger ones make the dot product unreadable). Colour of the &quot;no output&quot; message and of refused inputs. A refused input (as in the hyperparameter panel). The calculator&apos;s inputs in the order of the control row, with fallbacks for a spec without them.</extracomment>
        <translation>输入（含填充）</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
</context>
<context>
    <name>LabPicker</name>
    <message>
        <source>Filter labs…</source>
        <translation>筛选实验……</translation>
    </message>
</context>
<context>
    <name>LanguageController</name>
    <message>
        <source>Switch to {0}</source>
        <extracomment>Language code -&gt; its name in that language (shown untranslated, as is usual).</extracomment>
        <translation>切换到 {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dlviz — deep learning lab bench</source>
        <extracomment>However expensive a stage, a training lab shows a new frame at least this often. A run whose engine waits for the speed limit at least this share of the time draws every change: the worker has the time the drawing takes. False pauses drawing (the session is still polled); used by benchmarks. A lab was opened (its key); classroom features listen to it. The stage drew a snapshot (its step): live, rewound or a GIF frame. The device choice (``auto``, ``cpu``, ``cuda``, ``mps``) or the device of the open lab changed; the Device menu follows it. run_app shows the window with ``loading`` true, loads the rest behind it and then calls :meth:`finish_loading` (see dlviz/ui/app.py) ``auto`` or a device name (``--device``, the Device menu) where the open lab trains, and why (None before a lab is open) the installed classroom features by name (``features[&quot;rewind&quot;]``) the menus and window-wide actions the classroom features share what the stage shows (live or a rewound step); the only source of the snapshots the stage draws &quot;working… Cancel&quot; in the message bar while a stage&apos;s request takes long</extracomment>
        <translation>dlviz —— 深度学习实验台</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>讲义</translation>
    </message>
    <message>
        <source>About</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation>训练一个批次</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Record a step to walk through</source>
        <translation>记录一步以便逐层查看</translation>
    </message>
    <message>
        <source>Filter labs</source>
        <translation>筛选实验</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Step through: first event</source>
        <translation>单步解析：第一个事件</translation>
    </message>
    <message>
        <source>Step through: previous event</source>
        <translation>单步解析：上一个事件</translation>
    </message>
    <message>
        <source>Step through: next event</source>
        <translation>单步解析：下一个事件</translation>
    </message>
    <message>
        <source>Step through: last event</source>
        <translation>单步解析：最后一个事件</translation>
    </message>
    <message>
        <source>measured slower on a GPU</source>
        <translation>实测在 GPU 上更慢</translation>
    </message>
    <message>
        <source>measured faster on a GPU</source>
        <translation>实测在 GPU 上更快</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Idea</source>
        <translation>核心思想</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <source>Parameters here</source>
        <translation>本实验参数量</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>MPS</source>
        <translation>MPS</translation>
    </message>
    <message>
        <source>no training in this lab</source>
        <translation>本实验不训练</translation>
    </message>
    <message>
        <source>your choice</source>
        <translation>你的选择</translation>
    </message>
    <message>
        <source>no GPU on this machine</source>
        <translation>本机没有 GPU</translation>
    </message>
    <message>
        <source>the GPU ran out of memory</source>
        <translation>GPU 显存不足</translation>
    </message>
    <message>
        <source>{0} · torch threads: {1}</source>
        <translation>{0} · torch 线程数：{1}</translation>
    </message>
    <message>
        <source>torch threads: {0}</source>
        <translation>torch 线程数：{0}</translation>
    </message>
    <message>
        <source>Measured on an H200 for this lab: CUDA runs at {0} the speed of one CPU thread.</source>
        <translation>在 H200 上为本实验实测：CUDA 的速度是单个 CPU 线程的 {0}。</translation>
    </message>
    <message>
        <source>Training → Device chooses another device.</source>
        <translation>“训练 → 设备”可以换用其他设备。</translation>
    </message>
    <message>
        <source>Training diverged: the loss is no longer a finite number. Training was paused and the last finite weights were kept. Try a smaller learning rate.</source>
        <translation>训练发散：损失已不是有限数。训练已暂停，并保留了最后一组有限的权重。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory. Training was paused.</source>
        <translation>GPU 显存不足，训练已暂停。</translation>
    </message>
    <message>
        <source>Continue on the CPU</source>
        <translation>改用 CPU 继续</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>出错了：{0}</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>building…</source>
        <translation>构建中……</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>MenuTitles</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Details…</source>
        <translation>详情……</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>NormalizationStage</name>
    <message>
        <source>with BN</source>
        <extracomment>Colours of the network with BN and of the one without, in curves and bars. Batch statistic (measured on this batch) and running statistic (the average).</extracomment>
        <translation>有批归一化</translation>
    </message>
    <message>
        <source>without BN</source>
        <translation>无批归一化</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>pre-activation</source>
        <translation>预激活</translation>
    </message>
    <message>
        <source>Running statistics</source>
        <translation>滑动统计量</translation>
    </message>
    <message>
        <source>Train vs eval</source>
        <translation>训练与评估</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>P(true digit), same image</source>
        <translation>P(真实数字)，同一张图</translation>
    </message>
    <message>
        <source>Colour: share of the layer&apos;s pre-activations (ReLU inputs) in each value bin at each step; values beyond ±4 count in the edge bins. The twin is the same network with BN the other way, on the same batches.</source>
        <translation>颜色：每一步中该层预激活（ReLU 的输入）落在各取值区间的比例；超出 ±4 的值计入边缘区间。孪生网络与本网络相同，只是批归一化设置相反，并使用相同的批次训练。</translation>
    </message>
    <message>
        <source>This network ({0}): layer {1}</source>
        <translation>本网络（{0}）：第 {1} 层</translation>
    </message>
    <message>
        <source>Twin ({0}): layer {1}</source>
        <translation>孪生网络（{0}）：第 {1} 层</translation>
    </message>
    <message>
        <source>BN layer {0}, unit 1: batch vs running</source>
        <translation>批归一化第 {0} 层，单元 1：批量与滑动</translation>
    </message>
    <message>
        <source>This network</source>
        <translation>本网络</translation>
    </message>
    <message>
        <source>Twin</source>
        <translation>孪生网络</translation>
    </message>
    <message>
        <source>The twin ({0}) diverged at step {1} and was stopped.</source>
        <translation>孪生网络（{0}）在第 {1} 步发散，已停止。</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>batch mean μ_B</source>
        <translation>批量均值 μ_B</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>滑动均值</translation>
    </message>
    <message>
        <source>batch variance σ²_B</source>
        <translation>批量方差 σ²_B</translation>
    </message>
    <message>
        <source>running variance</source>
        <translation>滑动方差</translation>
    </message>
    <message>
        <source>eval mode</source>
        <translation>评估模式</translation>
    </message>
    <message>
        <source>train, random batch</source>
        <translation>训练，随机批量</translation>
    </message>
    <message>
        <source>train, batch of {0}s</source>
        <translation>训练，全是 {0} 的批量</translation>
    </message>
    <message>
        <source>BN layer {0}, unit 1, step {1}</source>
        <translation>批归一化第 {0} 层，单元 1，第 {1} 步</translation>
    </message>
    <message>
        <source>batch:   μ_B = {0}   σ²_B = {1}</source>
        <translation>批量：  μ_B = {0}   σ²_B = {1}</translation>
    </message>
    <message>
        <source>running: μ  ← {0:g}·{1} + {2:g}·{3} = {4}</source>
        <translation>滑动：  μ  ← {0:g}·{1} + {2:g}·{3} = {4}</translation>
    </message>
    <message>
        <source>         σ² ← {0:g}·{1} + {2:g}·{3} = {4}  (σ²_B·{5}/{6})</source>
        <translation>        σ² ← {0:g}·{1} + {2:g}·{3} = {4}  （σ²_B·{5}/{6}）</translation>
    </message>
    <message>
        <source>train mode uses μ_B, σ²_B; eval mode the running μ, σ².</source>
        <translation>训练模式用 μ_B、σ²_B；评估模式用滑动的 μ、σ²。</translation>
    </message>
    <message>
        <source>  kept {0} of {1} active units, ×1/(1 − p) = ×{2:.2f}</source>
        <translation>  {1} 个激活单元保留 {0} 个，×1/(1 − p) = ×{2:.2f}</translation>
    </message>
    <message>
        <source>  unit {0}: {1} → {2}</source>
        <translation>  单元 {0}：{1} → {2}</translation>
    </message>
    <message>
        <source>  batch mean: in {0}, out {1}; eval: y = x</source>
        <translation>  批量均值：输入 {0}，输出 {1}；评估：y = x</translation>
    </message>
    <message>
        <source>The same validation digit (a {0}):</source>
        <translation>同一张验证集数字（{0}）：</translation>
    </message>
    <message>
        <source>  {0}  p({1}) = {2:.3f}  → {3}</source>
        <translation>  {0}  p({1}) = {2:.3f}  → {3}</translation>
    </message>
    <message>
        <source>Dropout is off (p = 0).</source>
        <translation>丢弃法关闭（p = 0）。</translation>
    </message>
    <message>
        <source>Dropout p = {0:g}, layer 1, train mode:</source>
        <translation>丢弃法 p = {0:g}，第 1 层，训练模式：</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>No lesson notes for this lab yet.</source>
        <extracomment>Smallest body size in points, readable from the back of a classroom. Body size relative to the application font (before the panel&apos;s own scale).</extracomment>
        <translation>这个实验还没有讲义。</translation>
    </message>
    <message>
        <source>This lesson note could not be read.</source>
        <translation>无法读取这份讲义。</translation>
    </message>
    <message>
        <source>No translation yet: showing the English note.</source>
        <translation>暂无译文：显示英文讲义。</translation>
    </message>
    <message>
        <source>Hide answer</source>
        <translation>隐藏答案</translation>
    </message>
    <message>
        <source>Reveal answer</source>
        <translation>显示答案</translation>
    </message>
</context>
<context>
    <name>OptimizersStage</name>
    <message>
        <source>Update rule of</source>
        <extracomment>One colour per optimizer (the theme&apos;s palette), readable on the colour map (lines and markers get a dark outline). Short names under the loss bars. Outline of lines and markers drawn on the colour map, and the fill of the start and critical-point markers: theme roles, dark and light whatever the theme (the map is the same in both). A path shows a dot at each step while it has at most this many points. A long path is drawn through the points that move to another cell of a grid of this many pixels, less those on smooth stretches (see :func:`thin_path`): a converging optimizer adds thousands of sub-pixel steps that would each cost drawing time and show nothing. At most this many points of a path are drawn (an outlined line costs about 2 µs a point to paint; seven paths of 400 fit in a frame).</extracomment>
        <translation>更新规则：</translation>
    </message>
    <message>
        <source>Click on the map to start every optimizer there.</source>
        <translation>在图上点击，让所有优化器从那里出发。</translation>
    </message>
    <message>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Gap to the lowest loss</source>
        <translation>与最低损失之差</translation>
    </message>
    <message>
        <source>Update rule</source>
        <translation>更新规则</translation>
    </message>
    <message>
        <source>Loss gaps</source>
        <translation>损失差</translation>
    </message>
    <message>
        <source>{surface}: f(x, y) = {formula}</source>
        <translation>{surface}：f(x, y) = {formula}</translation>
    </message>
    <message>
        <source>, gradient noise σ = {0:g}</source>
        <translation>，梯度噪声 σ = {0:g}</translation>
    </message>
    <message>
        <source>{0}.</source>
        <translation>{0}。</translation>
    </message>
    <message>
        <source>the saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>the minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Colour: log₁₀(loss − lowest).</source>
        <translation>颜色：log₁₀(损失 − 最低值)。</translation>
    </message>
    <message>
        <source>□ start, ★ {0}, ● each optimizer now, ✕ stopped (it left the map or diverged).</source>
        <translation>□ 起点，★ {0}，● 各优化器当前位置，✕ 已停止（离开了地图或发散）。</translation>
    </message>
    <message>
        <source>Surface: {0}</source>
        <translation>曲面：{0}</translation>
    </message>
    <message>
        <source>Stopped: the steps grew without bound.</source>
        <translation>已停止：步长无限增大。</translation>
    </message>
    <message>
        <source>Stopped: it left the map.</source>
        <translation>已停止：它跑出了图的范围。</translation>
    </message>
    <message>
        <source>mean of the optimizers</source>
        <translation>各优化器的平均</translation>
    </message>
</context>
<context>
    <name>PresentationController</name>
    <message>
        <source>Presentation mode</source>
        <extracomment>The application font before any presentation scaling (shared by every window).</extracomment>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Larger text (presentation)</source>
        <translation>放大文字（演示模式）</translation>
    </message>
    <message>
        <source>Smaller text (presentation)</source>
        <translation>缩小文字（演示模式）</translation>
    </message>
    <message>
        <source>Zoom the panel under the mouse</source>
        <translation>放大鼠标所指的面板</translation>
    </message>
    <message>
        <source>Back: restore the panel or leave presentation</source>
        <translation>返回：还原面板或退出演示模式</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <source>Next colour map</source>
        <translation>下一种配色</translation>
    </message>
    <message>
        <source>Next signed-value colour map</source>
        <translation>下一种正负值配色</translation>
    </message>
    <message>
        <source>Colour map</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Colour map for signed values</source>
        <translation>正负值配色</translation>
    </message>
</context>
<context>
    <name>SegmentationStage</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Probability of</source>
        <translation>概率：</translation>
    </message>
    <message>
        <source>Masks</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>Transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>Predicted mask over the input</source>
        <translation>叠加在输入上的预测掩码</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>True mask</source>
        <translation>真实掩码</translation>
    </message>
    <message>
        <source>Validation IoU</source>
        <translation>验证集 IoU</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Inputs per output cell</source>
        <translation>每个输出格的输入数</translation>
    </message>
    <message>
        <source>{name}: {n} → {out} (k = {kernel}, s = {stride}, p = {padding})</source>
        <translation>{name}：{n} → {out}（k = {kernel}，s = {stride}，p = {padding}）</translation>
    </message>
    <message>
        <source>Skip connection on: the 1/4-size features add their scores, for finer edges.</source>
        <translation>跳跃连接已开启：1/4 尺寸的特征也加上各自的得分，边缘更精细。</translation>
    </message>
    <message>
        <source>No skip connection: the scores come from the 1/8-size features alone.</source>
        <translation>没有跳跃连接：得分只来自 1/8 尺寸的特征。</translation>
    </message>
    <message>
        <source>Probability per pixel</source>
        <translation>每个像素的概率</translation>
    </message>
    <message>
        <source>input n</source>
        <translation>输入 n</translation>
    </message>
    <message>
        <source>kernel k</source>
        <translation>卷积核 k</translation>
    </message>
    <message>
        <source>stride s</source>
        <translation>步幅 s</translation>
    </message>
    <message>
        <source>padding p</source>
        <translation>填充 p</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>圆盘</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>(n − 1)·s − 2p + k: the output size of a transposed convolution; the map counts the inputs that write into each output cell.</source>
        <translation>(n − 1)·s − 2p + k：转置卷积的输出尺寸；图中数出了写入每个输出格的输入个数。</translation>
    </message>
    <message>
        <source>This network (skip connection on):</source>
        <translation>本网络（开启跳跃连接）：</translation>
    </message>
    <message>
        <source>This network (no skip connection):</source>
        <translation>本网络（无跳跃连接）：</translation>
    </message>
    <message>
        <source>Mask colours: {0}. The network gives every pixel a class.</source>
        <translation>掩码颜色：{0}。网络为每个像素给出一个类别。</translation>
    </message>
    <message>
        <source>P({0}) per pixel</source>
        <translation>每个像素的 P({0})</translation>
    </message>
</context>
<context>
    <name>Seq2SeqStage</name>
    <message>
        <source>{0} true alignment</source>
        <translation>{0} 真实对齐</translation>
    </message>
    <message>
        <source>Attention weights {0} alignment</source>
        <translation>注意力权重 {0} 对齐</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>beam width k</source>
        <translation>束宽 k</translation>
    </message>
    <message>
        <source>Beam search keeps the k best partial outputs at every step. Press “Beam search” to decode this sample.</source>
        <translation>束搜索在每一步保留 k 个最好的部分输出。按“束搜索”解码这个样本。</translation>
    </message>
    <message>
        <source>source: {0}   target: {1}   k = {2}</source>
        <translation>输入：{0}   目标：{1}   k = {2}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>best: {0}</source>
        <translation>最佳：{0}</translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation>束搜索</translation>
    </message>
</context>
<context>
    <name>SequenceStage</name>
    <message>
        <source>c — cell state</source>
        <translation>c —— 细胞状态</translation>
    </message>
    <message>
        <source>Compare RNN / LSTM / GRU</source>
        <translation>比较 RNN / LSTM / GRU</translation>
    </message>
    <message>
        <source>Fresh networks of the same size on the same batch: how far back does the gradient reach?</source>
        <translation>同样大小的新网络、同一批数据：梯度能回传多远？</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>this network</source>
        <translation>当前网络</translation>
    </message>
    <message>
        <source>marked</source>
        <translation>标记位</translation>
    </message>
    <message>
        <source>input symbol</source>
        <translation>输入符号</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>f — forget gate</source>
        <extracomment>Gates squashed by σ into (0, 1); the others are signed and use a diverging map. Gates squashed by tanh into (−1, 1). The time cursor (dashed) and the chosen unit (dotted). Smallest value drawn on the log-scaled gradient plot. Mantissas of the cell state&apos;s colour-bar ends (× a power of ten).</extracomment>
        <translation>f —— 遗忘门</translation>
    </message>
    <message>
        <source>i — input gate</source>
        <translation>i —— 输入门</translation>
    </message>
    <message>
        <source>g = C̃ — candidate</source>
        <translation>g = C̃ —— 候选值</translation>
    </message>
    <message>
        <source>o — output gate</source>
        <translation>o —— 输出门</translation>
    </message>
    <message>
        <source>h — hidden state</source>
        <translation>h —— 隐藏状态</translation>
    </message>
    <message>
        <source>z — update gate</source>
        <translation>z —— 更新门</translation>
    </message>
    <message>
        <source>r — reset gate</source>
        <translation>r —— 重置门</translation>
    </message>
    <message>
        <source>h̃ — candidate</source>
        <translation>h̃ —— 候选值</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>输入与预测</translation>
    </message>
    <message>
        <source>Gradient through time</source>
        <translation>随时间回传的梯度</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>门</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Equations</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>sample loss {0:.4f}</source>
        <translation>样本损失 {0:.4f}</translation>
    </message>
    <message>
        <source>(guessing the mean: {0:.3f})</source>
        <translation>（只猜均值：{0:.3f}）</translation>
    </message>
    <message>
        <source>sum {0:.2f} → predicted {1:.2f}</source>
        <translation>和 {0:.2f} → 预测 {1:.2f}</translation>
    </message>
    <message>
        <source>gradient norm: no step yet</source>
        <translation>梯度范数：尚未训练</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} ≤ threshold {1:g}: not clipped</source>
        <translation>‖g‖ = {0:.3g} ≤ 阈值 {1:g}：未裁剪</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} → clipped to {1:.3g} (threshold {2:g})</source>
        <translation>‖g‖ = {0:.3g} → 裁剪为 {1:.3g}（阈值 {2:g}）</translation>
    </message>
    <message>
        <source>‖g‖ = {0:.3g} (no clipping)</source>
        <translation>‖g‖ = {0:.3g}（不裁剪）</translation>
    </message>
    <message>
        <source>{0} time step t   {1} unit (their numbers: Equations)</source>
        <translation>{0} 时间步 t   {1} 单元（数值见“公式”）</translation>
    </message>
    <message>
        <source>time step t = {0}</source>
        <translation>时间步 t = {0}</translation>
    </message>
    <message>
        <source>t = {0}, unit {1}</source>
        <translation>t = {0}，第 {1} 个单元</translation>
    </message>
    <message>
        <source>fresh {0}</source>
        <translation>新 {0}</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>Other</source>
        <extracomment>Window actions (made by the main window) and the menu each belongs in.</extracomment>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>ShortcutsController</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SiameseStage</name>
    <message>
        <source>Embeddings by class</source>
        <extracomment>Colour roles (all from the theme&apos;s colour-blind-safe palette). Captions under digit images sit on the images&apos; black margin in either theme. Range of the temperature slider (log scale). The window&apos;s metric-curve panel (see :class:`DeckWithoutMetricCurves`). Points of the margin circle.</extracomment>
        <translation>按类别的嵌入</translation>
    </message>
    <message>
        <source>Pair distances</source>
        <translation>样本对距离</translation>
    </message>
    <message>
        <source>A validation pair</source>
        <translation>一对验证样本</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>A validation triplet (a, p, n)</source>
        <translation>一个验证三元组（a、p、n）</translation>
    </message>
    <message>
        <source>Triplet</source>
        <translation>三元组</translation>
    </message>
    <message>
        <source>◀ Previous anchor</source>
        <translation>◀ 上一个锚点</translation>
    </message>
    <message>
        <source>Next anchor ▶</source>
        <translation>下一个锚点 ▶</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>样本对</translation>
    </message>
    <message>
        <source>◀ Previous pair</source>
        <translation>◀ 上一对</translation>
    </message>
    <message>
        <source>Next pair ▶</source>
        <translation>下一对 ▶</translation>
    </message>
    <message>
        <source>d(a,p) + m = {value:.2f}</source>
        <translation>d(a,p) + m = {value:.2f}</translation>
    </message>
    <message>
        <source>margin {value:.2f}</source>
        <translation>间隔 {value:.2f}</translation>
    </message>
    <message>
        <source>threshold {value:.2f}</source>
        <translation>阈值 {value:.2f}</translation>
    </message>
    <message>
        <source>Each dot is a validation digit, placed by the network in 2-D.</source>
        <translation>每个点是一个验证集数字，由网络放置在二维平面上。</translation>
    </message>
    <message>
        <source>same</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>different</source>
        <translation>不同类</translation>
    </message>
    <message>
        <source>{0} vs {1}: distance {2:.3f} {3} {4:.3f} → {5} {6}</source>
        <translation>{0} 对 {1}：距离 {2:.3f} {3} {4:.3f} → {5} {6}</translation>
    </message>
    <message>
        <source>Verification accuracy {0:.1f}% at the best threshold ({1}, {2}).</source>
        <translation>最佳阈值下的验证准确率 {0:.1f}%（{1}，{2}）。</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦距离</translation>
    </message>
    <message>
        <source>Euclidean</source>
        <translation>欧氏距离</translation>
    </message>
    <message>
        <source>shared weights</source>
        <translation>共享权重</translation>
    </message>
    <message>
        <source>two towers, unshared</source>
        <translation>两座塔，不共享权重</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>batch-hard</source>
        <translation>批内最难</translation>
    </message>
    <message>
        <source>semi-hard</source>
        <translation>半难</translation>
    </message>
    <message>
        <source>Triplet ({0}): d(a,p) = {1:.3f}, d(a,n) = {2:.3f} → loss max(0, {1:.3f} − {2:.3f} + {3:.2f}) = {4:.3f} {5}</source>
        <translation>三元组（{0}）：d(a,p) = {1:.3f}，d(a,n) = {2:.3f} → 损失 max(0, {1:.3f} − {2:.3f} + {3:.2f}) = {4:.3f} {5}</translation>
    </message>
    <message>
        <source>Verification accuracy {0:.1f}% at the best threshold ({1}, {2}, triplet loss).</source>
        <translation>最佳阈值下的验证准确率 {0:.1f}%（{1}，{2}，三元组损失）。</translation>
    </message>
    <message>
        <source>The circle d(a,p) + m is drawn only for a 2-D Euclidean embedding.</source>
        <translation>只有 2 维欧氏嵌入才画出半径 d(a,p) + m 的圆。</translation>
    </message>
    <message>
        <source>same class</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>different class</source>
        <translation>不同类</translation>
    </message>
</context>
<context>
    <name>StartupLoader</name>
    <message>
        <source>Loading labs…</source>
        <extracomment>Modules a lab&apos;s task may import lazily on its worker thread; imported here first. Longest wait for the first paint (a window that is never exposed).</extracomment>
        <translation>正在加载实验…</translation>
    </message>
    <message>
        <source>Loading PyTorch optimizers…</source>
        <translation>正在加载 PyTorch 优化器…</translation>
    </message>
    <message>
        <source>Loading scikit-learn…</source>
        <translation>正在加载 scikit-learn…</translation>
    </message>
    <message>
        <source>Loading captum (attributions)…</source>
        <translation>正在加载 captum（归因）…</translation>
    </message>
    <message>
        <source>Loading the step recorder…</source>
        <translation>正在加载单步记录器…</translation>
    </message>
    <message>
        <source>Opening the lab…</source>
        <translation>正在打开实验…</translation>
    </message>
</context>
<context>
    <name>StepButtons</name>
    <message>
        <source>Step D</source>
        <extracomment>The data (real samples, the data density). The generator (generated samples, its density, z → G(z)). The discriminator D(x). The optimal discriminator D*(x). The pull of D&apos;s gradient on generated points. The noise grid warped by G. A mode of the target that G covers / misses. Digits seen in training / the held-out digit (autoencoder anomaly histogram).</extracomment>
        <translation>训练 D 一步</translation>
    </message>
    <message>
        <source>Step G</source>
        <translation>训练 G 一步</translation>
    </message>
    <message>
        <source>Step D + G</source>
        <translation>训练 D + G 一步</translation>
    </message>
</context>
<context>
    <name>StepThroughPanel</name>
    <message>
        <source>Record a step</source>
        <extracomment>The user wants a new step recorded (the window forwards it to the engine). The current event changed (its index). the navigation row; the window may move it into its tab bar&apos;s corner (it then gives its height to the inspector) the user dragged the handle: keep their split from then on The diagram&apos;s share of the width (the inspector gets the rest); less on a narrow stage, where the three tensor panes need the room.</extracomment>
        <translation>录制一步</translation>
    </message>
    <message>
        <source>First event (Home)</source>
        <translation>第一个事件 (Home)</translation>
    </message>
    <message>
        <source>Previous event (←)</source>
        <translation>上一个事件 (←)</translation>
    </message>
    <message>
        <source>Next event (→)</source>
        <translation>下一个事件 (→)</translation>
    </message>
    <message>
        <source>Last event (End)</source>
        <translation>最后一个事件 (End)</translation>
    </message>
    <message>
        <source>Train one step while recording it</source>
        <translation>训练一步并录制全过程</translation>
    </message>
    <message>
        <source>layer (forward order)</source>
        <translation>层（前向顺序）</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层梯度范数</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>No step yet — press T</source>
        <translation>尚未录制 — 按 T</translation>
    </message>
    <message>
        <source>No step recorded yet</source>
        <translation>尚未录制任何一步</translation>
    </message>
    <message>
        <source>Layer {0}: {1}</source>
        <translation>第 {0} 层：{1}</translation>
    </message>
</context>
<context>
    <name>TransferStage</name>
    <message>
        <source>from scratch</source>
        <extracomment>The colour of each way, in curves, markers and the window&apos;s curves. The slider&apos;s stops (labelled examples of 5–9). Metric keys of each way in the window&apos;s curves.</extracomment>
        <translation>从头训练</translation>
    </message>
    <message>
        <source>fine-tuned</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>frozen + new head</source>
        <translation>冻结 + 新输出层</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>labelled examples</source>
        <translation>带标签样本数</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Examples needed</source>
        <translation>所需样本</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Validation accuracy on 5–9</source>
        <translation>5–9 上的验证准确率</translation>
    </message>
    <message>
        <source>Accuracy on 5–9</source>
        <translation>5–9 准确率</translation>
    </message>
    <message>
        <source>Measure {0}–{1} examples</source>
        <translation>测量 {0}–{1} 个样本</translation>
    </message>
    <message>
        <source>Train the three ways for {0} steps with each number of labelled examples (takes a while; training waits)</source>
        <translation>用每种带标签样本数把三种方式各训练 {0} 步（需要一些时间，训练会暂停等待）</translation>
    </message>
    <message>
        <source>How many labelled digits 5–9 the three networks learn from; the run restarts with the new number</source>
        <translation>三个网络学习的带标签数字 5–9 的个数；改变后以新数量重新开始训练</translation>
    </message>
    <message>
        <source>Labelled examples: {0}</source>
        <translation>带标签样本：{0}</translation>
    </message>
    <message>
        <source>Accuracy after {0} steps: not measured yet</source>
        <translation>{0} 步后的准确率：尚未测量</translation>
    </message>
    <message>
        <source>Not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>Not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Accuracy after {0} steps by examples</source>
        <translation>{0} 步后的准确率与样本数</translation>
    </message>
    <message>
        <source>After {0} steps</source>
        <translation>{0} 步后</translation>
    </message>
    <message>
        <source>{0} steps</source>
        <translation>{0} 步</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>第一层卷积核</translation>
    </message>
    <message>
        <source>A body pre-trained on the digits 0–4 learns 5–9 from a few labelled examples, three ways, on the same batches.</source>
        <translation>在数字 0–4 上预训练的主体用少量带标签样本，以三种方式在相同批次上学习 5–9。</translation>
    </message>
    <message>
        <source>Pre-trained on 0–4 (each digit at many places): {0:.1f} %. {1} labelled examples of 5–9 ({2} held out); first step at ≥ {3:.0f} %: scratch {4}, frozen {5}, fine-tuned {6}. Fine-tuned filters moved {7:.1f} % (frozen = pre-trained; colour: signed weight). Dotted line: this run&apos;s examples.</source>
        <translation>在 0–4 上预训练（每个数字出现在许多位置）：{0:.1f}%。5–9 的带标签样本 {1} 个（留出 {2} 个验证）；首次达到 ≥ {3:.0f}% 的步数：从头训练 {4}，冻结 {5}，微调 {6}。微调后的卷积核变化了 {7:.1f}%（冻结 = 预训练；颜色：有正负的权重）。虚线：本次运行的样本数。</translation>
    </message>
    <message>
        <source>pre-trained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>TransformerStage</name>
    <message>
        <source>{0} query token (its row: what it attends to)</source>
        <translation>{0} 查询词元（它那一行：它关注哪里）</translation>
    </message>
    <message>
        <source>query “{0}” (position {1}), layer {2}, head {3}</source>
        <translation>查询“{0}”（位置 {1}），第 {2} 层，第 {3} 个头</translation>
    </message>
    <message>
        <source>√d = {0:.2f}</source>
        <translation>√d = {0:.2f}</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>遮住后</translation>
    </message>
    <message>
        <source>output = Σ softmax · v =</source>
        <translation>输出 = Σ softmax · v =</translation>
    </message>
    <message>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <source>scores QKᵀ/√d at step 0: {range} (σ {std})</source>
        <translation>第 0 步的分数 QKᵀ/√d：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>now: {range} (σ {std})</source>
        <translation>现在：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>{name}: {range} (σ {std})</source>
        <translation>{name}：{range}（σ {std}）</translation>
    </message>
    <message>
        <source>decoder masked self-attention</source>
        <translation>解码器掩码自注意力</translation>
    </message>
    <message>
        <source>cross-attention (decoder → encoder)</source>
        <translation>交叉注意力（解码器 → 编码器）</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>query token</source>
        <translation>查询词元</translation>
    </message>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Step through QKᵀ/√d → softmax → ×V</source>
        <translation>逐步查看 QKᵀ/√d → softmax → ×V</translation>
    </message>
    <message>
        <source>Mask {0} seen {1} hidden</source>
        <translation>掩码 {0} 可见 {1} 遮住</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Step-through</source>
        <translation>逐步计算</translation>
    </message>
    <message>
        <source>Choose the attention, layer, query token and head, then press “Step through” to see the numbers.</source>
        <translation>选择注意力类型、层、查询词元和头，然后按“逐步查看”看具体数值。</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>第 {0} 个头</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train one batch (S)</source>
        <translation>训练一个批次（S）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Re-initialise with the seed (R)</source>
        <translation>用随机种子重新初始化（R）</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>单步解析</translation>
    </message>
    <message>
        <source>Record one training step to walk through forward and backward (T)</source>
        <translation>记录一个训练步，逐层查看前向与反向传播（T）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 步/秒</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Acc</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Val acc</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Train continuously (Space)</source>
        <translation>持续训练（空格）</translation>
    </message>
</context>
<context>
    <name>TwoStageStage</name>
    <message>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>候选区域</translation>
    </message>
    <message>
        <source>Which proposal the RoI panels examine (0 = the most confident).</source>
        <translation>RoI 面板查看哪个候选框（0 = 最有把握的一个）。</translation>
    </message>
    <message>
        <source>Proposals N</source>
        <translation>候选框数 N</translation>
    </message>
    <message>
        <source>The region proposal network&apos;s best N boxes after NMS go to the second stage.</source>
        <translation>区域建议网络经 NMS 后得分最高的 N 个框送入第二阶段。</translation>
    </message>
    <message>
        <source>RPN NMS: drop if IoU &gt;</source>
        <translation>RPN 的 NMS：IoU 大于此值即删除</translation>
    </message>
    <message>
        <source>NMS among the proposals drops a box that overlaps a better one by more than this IoU.</source>
        <translation>候选框之间的 NMS：与更好的框重叠超过此 IoU 的框被删除。</translation>
    </message>
    <message>
        <source>Validation (IoU ≥ 0.5)</source>
        <translation>验证集（IoU ≥ 0.5）</translation>
    </message>
    <message>
        <source>Detections</source>
        <translation>检测结果</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>候选框</translation>
    </message>
    <message>
        <source>RoI pool</source>
        <translation>RoI 池化</translation>
    </message>
    <message>
        <source>RoI Align</source>
        <translation>RoI Align</translation>
    </message>
    <message>
        <source>Pooled</source>
        <translation>池化结果</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>RoI pooling</source>
        <translation>RoI 池化</translation>
    </message>
    <message>
        <source>R-CNN: {0} fixed windows per image; each is cut out, warped to {1}×{1} px and sent through the CNN on its own ({0} CNN runs per image), then classified and refined.</source>
        <translation>R-CNN：每张图 {0} 个固定窗口；每个窗口单独裁剪、缩放到 {1}×{1} 像素并各自送入 CNN（每张图运行 {0} 次 CNN），再分类并微调边框。</translation>
    </message>
    <message>
        <source>Fast R-CNN: the same {0} fixed windows, but the CNN runs once per image; {1} takes each window&apos;s {2}×{2} features from the shared feature map.</source>
        <translation>Fast R-CNN：同样的 {0} 个固定窗口，但每张图只运行一次 CNN；{1} 从共享特征图上为每个窗口取出 {2}×{2} 的特征。</translation>
    </message>
    <message>
        <source>Faster R-CNN: the CNN runs once per image; the region proposal network scores {0} anchors ({1}×{1} cells × {2}) on its features and keeps the best {3} after NMS; {4} gives each {5}×{5} features.</source>
        <translation>Faster R-CNN：每张图只运行一次 CNN；区域建议网络（RPN）在其特征上为 {0} 个锚框（{1}×{1} 个格子 × {2}）打分，经 NMS 后保留最好的 {3} 个；{4} 为每个候选框取出 {5}×{5} 的特征。</translation>
    </message>
    <message>
        <source>Detections: {0}</source>
        <translation>检测结果：{0}</translation>
    </message>
    <message>
        <source>{0} proposals kept of {1}</source>
        <translation>{1} 个候选框中保留 {0} 个</translation>
    </message>
    <message>
        <source>{0} windows; best {1}</source>
        <translation>{0} 个窗口；最好的 {1} 个</translation>
    </message>
    <message>
        <source>RoI pool, channel {0}</source>
        <translation>RoI 池化，通道 {0}</translation>
    </message>
    <message>
        <source>RoI Align, channel {0}</source>
        <translation>RoI Align，通道 {0}</translation>
    </message>
    <message>
        <source>Pooled {0}×{0}</source>
        <translation>池化为 {0}×{0}</translation>
    </message>
    <message>
        <source>mAP</source>
        <translation>mAP</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>proposals</source>
        <translation>候选框</translation>
    </message>
    <message>
        <source>Colour = class: {0}; thin white: true boxes.</source>
        <translation>颜色 = 类别：{0}；白色细框：真实框。</translation>
    </message>
    <message>
        <source>The RoI panels show what Fast and Faster R-CNN do with this window instead.</source>
        <translation>R-CNN 不做这一步；RoI 面板显示 Fast 和 Faster R-CNN 会如何处理这个窗口。</translation>
    </message>
    <message>
        <source>RoI pooling rounds the region to whole {0}-px cells (its edges move up to {1:.1f} px here, dashed: the exact region), so a small digit&apos;s features shift; RoI Align samples the exact bins bilinearly (dots).</source>
        <translation>RoI 池化把区域取整到 {0} 像素的整格（此处边缘最多移动 {1:.1f} 像素，虚线为精确区域），小数字的特征因此错位；RoI Align 在精确的子区域上做双线性采样（圆点）。</translation>
    </message>
</context>
<context>
    <name>UNetStage</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳跃连接</translation>
    </message>
    <message>
        <source>{0}: {1}×{1}</source>
        <translation>{0}：{1}×{1}</translation>
    </message>
    <message>
        <source>Which skip connection the skip panel shows: 1 is the finest (full size), 3 the coarsest.</source>
        <translation>跳跃面板显示哪一级跳跃连接：1 最精细（原尺寸），3 最粗糙。</translation>
    </message>
    <message>
        <source>True mask</source>
        <translation>真实掩码</translation>
    </message>
    <message>
        <source>Validation mean IoU</source>
        <translation>验证集平均 IoU</translation>
    </message>
    <message>
        <source>U-Net</source>
        <translation>U-Net</translation>
    </message>
    <message>
        <source>FCN</source>
        <translation>FCN</translation>
    </message>
    <message>
        <source>One layer</source>
        <translation>单层</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <source>mIoU</source>
        <translation>mIoU</translation>
    </message>
    <message>
        <source>transposed conv. 3×3, stride 2</source>
        <translation>3×3 转置卷积，步幅 2</translation>
    </message>
    <message>
        <source>upsample + conv. 3×3</source>
        <translation>上采样 + 3×3 卷积</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>圆</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>U-Net mask over the input</source>
        <translation>U-Net 掩码叠加在输入上</translation>
    </message>
    <message>
        <source>FCN mask over the input</source>
        <translation>FCN 掩码叠加在输入上</translation>
    </message>
    <message>
        <source>Skip {0} ({1}×{1})</source>
        <translation>跳跃 {0}（{1}×{1}）</translation>
    </message>
    <message>
        <source>Up-layer on a flat input</source>
        <translation>上采样层：平坦输入</translation>
    </message>
    <message>
        <source>Decoder on a flat image</source>
        <translation>解码器：平坦图像</translation>
    </message>
    <message>
        <source>Up-layer, flat input: {0:.2f}</source>
        <translation>上采样层，平坦输入：{0:.2f}</translation>
    </message>
    <message>
        <source>Decoder, flat image: {0:.2f}</source>
        <translation>解码器，平坦图像：{0:.2f}</translation>
    </message>
    <message>
        <source>Mask colours: {0}. Skip: each map divided by its largest magnitude. Upsampling: {1}; on a flat input its period-2 pattern has the strength in the titles (0 = none).</source>
        <translation>掩码颜色：{0}。跳跃面板：每张特征图除以其最大绝对值。上采样方式：{1}；平坦输入产生的周期为 2 的图案强度见面板标题（0 表示没有）。</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>upsampled</source>
        <translation>上采样</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>UserModelStage</name>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层梯度范数</translation>
    </message>
    <message>
        <source>Output spread</source>
        <translation>输出离散程度</translation>
    </message>
    <message>
        <source>Gradient norm: how large each layer&apos;s weight gradient was in the last training step — a layer near zero learns little. Output spread: the standard deviation of each layer&apos;s output on validation inputs — values that shrink or grow layer after layer signal vanishing or exploding activations.</source>
        <translation>梯度范数：上一个训练步中每层权重梯度的大小——接近零的层几乎学不到东西。输出离散程度：每层在验证输入上的输出标准差——逐层变小或变大，说明激活在消失或爆炸。</translation>
    </message>
</context>
<context>
    <name>_AttentionStage</name>
    <message>
        <source>{0}  →  {1}   (target {2})</source>
        <extracomment>The causal mask: positions a query may attend to, and hidden ones. The Transformer&apos;s heads grid: its share of the stage&apos;s width (the other stages 0.58). English templates of :func:`format_beam` and :func:`format_steps`; the stages pass their translations. the sample and its result, the validation metrics (shown in the caption)</extracomment>
        <translation>{0}  →  {1}   （目标 {2}）</translation>
    </message>
    <message>
        <source>{0}  →  class {1} ({2:.0%}), label {3}</source>
        <translation>{0}  →  类别 {1}（{2:.0%}），标签 {3}</translation>
    </message>
    <message>
        <source>val: sequences {0:.0%} · tokens {1:.0%} · BLEU {2:.3f}</source>
        <translation>验证：整句 {0:.0%} · 词元 {1:.0%} · BLEU {2:.3f}</translation>
    </message>
    <message>
        <source>val accuracy {0:.0%}</source>
        <translation>验证准确率 {0:.0%}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Minimax</source>
        <translation>极小极大</translation>
    </message>
    <message>
        <source>Non-saturating</source>
        <translation>非饱和</translation>
    </message>
    <message>
        <source>Least squares (LSGAN)</source>
        <translation>最小二乘（LSGAN）</translation>
    </message>
    <message>
        <source>Wasserstein (WGAN)</source>
        <translation>推土机距离（WGAN）</translation>
    </message>
    <message>
        <source>Wasserstein with gradient penalty (WGAN-GP)</source>
        <translation>推土机距离加梯度惩罚（WGAN-GP）</translation>
    </message>
</context>
</TS>

using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// Builds, once per handler class, a struct that implements <see cref="IEventHandler{T}"/> by
/// calling the class's own methods directly. A processor generic over that struct gets a loop
/// compiled for it, in which the handler's calls are direct and can be inlined instead of going
/// through the interface for every event.
/// </summary>
internal static class HandlerProxy
{
    private static readonly ConcurrentDictionary<Type, Type?> s_proxies = new();
    private static readonly Lazy<ModuleBuilder> s_module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Engine.Ring.HandlerProxies"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Engine.Ring.HandlerProxies"));

    private static readonly Lock s_emitLock = new();

    /// <summary>
    /// The proxy struct for <paramref name="handlerType"/>, or null when none can be built: the
    /// runtime cannot generate code, or the class is not sealed or not public (a proxy could not
    /// call it directly, so it would gain nothing).
    /// </summary>
    public static Type? For<T>(Type handlerType)
        where T : struct
    {
        if (!RuntimeFeature.IsDynamicCodeSupported || !handlerType.IsClass || !handlerType.IsSealed || !handlerType.IsVisible || !typeof(T).IsVisible)
        {
            return null;
        }

        return s_proxies.GetOrAdd(handlerType, static type => Emit(type, typeof(IEventHandler<T>)));
    }

    private static Type? Emit(Type handlerType, Type handlerInterface)
    {
        lock (s_emitLock)
        {
            try
            {
                var module = s_module.Value;
                var proxy = module.DefineType(
                    "HandlerProxy." + handlerType.FullName + "." + s_proxies.Count,
                    TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout | TypeAttributes.BeforeFieldInit,
                    typeof(ValueType));
                proxy.AddInterfaceImplementation(handlerInterface);
                var target = proxy.DefineField("_target", handlerType, FieldAttributes.Private);

                var constructor = proxy.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig, CallingConventions.Standard, [handlerType]);
                var ctorIl = constructor.GetILGenerator();
                ctorIl.Emit(OpCodes.Ldarg_0);
                ctorIl.Emit(OpCodes.Ldarg_1);
                ctorIl.Emit(OpCodes.Stfld, target);
                ctorIl.Emit(OpCodes.Ret);

                var map = handlerType.GetInterfaceMap(handlerInterface);
                for (int i = 0; i < map.InterfaceMethods.Length; i++)
                {
                    var declared = map.InterfaceMethods[i];
                    var implementation = map.TargetMethods[i];
                    var parameters = declared.GetParameters().Select(p => p.ParameterType).ToArray();
                    var method = proxy.DefineMethod(
                        declared.Name,
                        MethodAttributes.Public | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
                        declared.ReturnType,
                        parameters);
                    method.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
                    var il = method.GetILGenerator();
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldfld, target);
                    for (short p = 1; p <= parameters.Length; p++)
                    {
                        il.Emit(OpCodes.Ldarg, p);
                    }

                    // The class's own public method is called directly (the class is sealed, so it is
                    // the one that runs); a default interface member or an explicit implementation
                    // is reached through the interface, as it would be without the proxy.
                    bool direct = implementation.IsPublic && !implementation.DeclaringType!.IsInterface;
                    il.Emit(direct ? OpCodes.Call : OpCodes.Callvirt, direct ? implementation : declared);
                    il.Emit(OpCodes.Ret);
                    proxy.DefineMethodOverride(method, declared);
                }

                return proxy.CreateType();
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or TypeLoadException or ArgumentException)
            {
                return null;
            }
        }
    }
}
